package dev.secupass.core.guests;

import dev.secupass.api.NotPermittedException;

/**
 * The username or password is wrong (which of them is not said). The attempt is recorded in the
 * audit trail.
 */
public class WrongCredentialsException extends NotPermittedException {
  private static final long serialVersionUID = 1L;

  public WrongCredentialsException() {
    super("wrong username or password");
  }
}
