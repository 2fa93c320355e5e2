package dev.secupass.api;


/** The delivery is level 2-4 and opens only for a signed-in named recipient, not by a link. The attempt is recorded in the audit trail. */
public class SignInRequiredException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  public SignInRequiredException(String message) {
    super(message);
  }
}
