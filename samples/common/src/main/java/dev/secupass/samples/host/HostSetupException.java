package dev.secupass.samples.host;

/** A sample host could not be set up: its data folder, key file, settings or directory. */
public class HostSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostSetupException(String message) {
    super(message);
  }
}
