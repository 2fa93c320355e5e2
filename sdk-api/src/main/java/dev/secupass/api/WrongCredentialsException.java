package dev.secupass.api;


/**
 * The username or password is wrong (which of them is not said). The attempt is recorded in the
 * audit trail.
 */
public class WrongCredentialsException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  public WrongCredentialsException() {
    super("wrong username or password");
  }
}
