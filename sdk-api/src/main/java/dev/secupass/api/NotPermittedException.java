package dev.secupass.api;

/**
 * The caller may not do this: they are not a recipient or member, their role does not allow it, a
 * policy forbids it, or they are not signed in. Nothing was changed. Subclasses say which rule
 * refused; the message names it and never contains a secret.
 */
public class NotPermittedException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public NotPermittedException(String message) {
    super(message);
  }
}
