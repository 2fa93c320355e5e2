package dev.secupass.api;

/**
 * A SecuPass session was idle for longer than the configured timeout and closed itself; its
 * private keys are gone. Unlock again.
 */
public class SessionExpiredException extends SessionClosedException {
  private static final long serialVersionUID = 1L;

  public SessionExpiredException(String message) {
    super(message);
  }
}
