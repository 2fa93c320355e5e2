package dev.secupass.api;


/** The delivery's key has not been wrapped to the recipient's current SecuPass key yet: a grant waits for the sender's next unlock (after the recipient's activation or reset). Try again once the {@code delivery.released} event arrives. */
public class NotReleasedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public NotReleasedException(String message) {
    super(message);
  }
}
