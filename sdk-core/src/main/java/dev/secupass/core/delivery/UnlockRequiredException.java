package dev.secupass.core.delivery;

import dev.secupass.api.SecuPassException;
import dev.secupass.api.UserId;

/**
 * The operation needs the user's unlocked SecuPass session (sending or opening at level 3 or 4):
 * they have a SecuPass but none was given. A UI turns this into the unlock dialog; a user who has
 * no SecuPass at all gets {@link dev.secupass.api.SecuPassRequiredException} instead.
 */
public class UnlockRequiredException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  private final UserId user;

  public UnlockRequiredException(UserId user) {
    super("user " + user + " must unlock their SecuPass for this");
    this.user = user;
  }

  /** Who must unlock. */
  public UserId user() {
    return user;
  }
}
