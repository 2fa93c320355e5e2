package dev.secupass.api;

/**
 * A data room's signed membership log failed verification, or the stored room disagrees with it:
 * an entry was injected, altered, reordered, replayed or removed, a signature does not verify, a
 * change was made by someone whose role did not allow it, or the member list or key epoch in
 * storage is not the one the log establishes. The SDK trusts no member list and wraps no key while
 * this holds; nothing was changed.
 */
public class MembershipLogException extends IntegrityException {
  private static final long serialVersionUID = 1L;

  public MembershipLogException(String message) {
    super(message);
  }

  public MembershipLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
