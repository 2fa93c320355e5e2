package dev.secupass.api;

/**
 * The SecuPass given does not open the user's keys. The key record itself is intact and belongs to
 * the user (otherwise {@link InvalidKeyBlobException} is thrown instead), so the person most likely
 * mistyped it. Hosts count these to rate-limit or lock out (see the unlock listener of the key
 * service).
 */
public class WrongSecuPassException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  private final UserId user;

  public WrongSecuPassException(UserId user) {
    super("wrong SecuPass for user " + user);
    this.user = user;
  }

  /** Whose SecuPass was wrong. */
  public UserId user() {
    return user;
  }
}
