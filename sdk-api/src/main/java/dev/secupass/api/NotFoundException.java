package dev.secupass.api;

/** The thing asked for does not exist (or is not visible to the caller). */
public class NotFoundException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
