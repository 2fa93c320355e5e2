package dev.secupass.api;

/**
 * A SecuPass session was used after it was closed; its private keys are gone. Unlock again.
 */
public class SessionClosedException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  public SessionClosedException(String message) {
    super(message);
  }
}
