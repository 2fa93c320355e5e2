package dev.secupass.core.keys;

import dev.secupass.api.UserId;

/**
 * The host's hook into SecuPass checks (unlocking, and changing a SecuPass, which checks the
 * current one), for rate limiting and lockout. Calls happen on the thread that makes the attempt.
 *
 * <pre>{@code
 * UnlockAttemptListener lockout = new UnlockAttemptListener() {
 *   public void beforeAttempt(UserId user) {
 *     if (failures.get(user) >= 5) throw new LockedOutException(user); // the host's exception
 *   }
 *   public void wrongSecuPass(UserId user) { failures.increment(user); }
 *   public void succeeded(UserId user) { failures.reset(user); }
 * };
 * }</pre>
 */
public interface UnlockAttemptListener {
  /** A listener that does nothing. */
  UnlockAttemptListener NONE = new UnlockAttemptListener() {};

  /**
   * Called before the SecuPass is checked (before the costly key derivation). Throwing refuses the
   * attempt: the exception propagates and nothing is checked.
   */
  default void beforeAttempt(UserId user) {}

  /** Called when the SecuPass was wrong, just before {@link
   * dev.secupass.api.WrongSecuPassException} is thrown. */
  default void wrongSecuPass(UserId user) {}

  /** Called when the SecuPass was right. */
  default void succeeded(UserId user) {}
}
