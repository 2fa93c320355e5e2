package dev.secupass.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the SDK and its storage adapters throw. It is unchecked. A host
 * catches one of the kinds it can act on and lets the rest propagate:
 *
 * <ul>
 *   <li>{@link ActionRequiredException}: the user must do something first (activate or unlock a
 *       SecuPass, sign in, type the right SecuPass or password, re-verify a changed key);
 *   <li>{@link RefusedException}: refused by policy, permission or the state of the thing asked
 *       for; trying again does not help;
 *   <li>{@link IntegrityException}: stored data was tampered with, damaged or moved; nothing was
 *       released;
 *   <li>{@link StorageException}: the backend failed.
 * </ul>
 *
 * <p>Outside these kinds: {@link NotFoundException}, {@link ConflictException}, {@link
 * UnsupportedFormatException} and {@link BusyException}. {@link #retryable()} says whether the same
 * call may succeed if tried again later.
 *
 * <p>Messages speak the user's words (names and e-mail addresses, durations such as "1 hour") and
 * never contain a secret (a SecuPass, a password, a private or content key, a link token).
 */
public class SecuPassException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecuPassException(String message) {
    super(message);
  }

  public SecuPassException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same call may succeed if tried again later, unchanged: {@code true} for a lost
   * race ({@link ConflictException}), too many key derivations at once ({@link BusyException}) and
   * transient backend failures ({@link StorageException#retryable()}); {@code false} otherwise.
   */
  public boolean retryable() {
    return false;
  }
}
