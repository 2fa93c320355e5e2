package dev.secupass.api;

/**
 * The user must do something before the call can succeed: choose or unlock a SecuPass, sign in,
 * type the right SecuPass or password, or compare a changed key's fingerprint. A UI shows the
 * matching dialog and tries again; trying again unchanged does not help. The subclass says which
 * action; the message says it in the user's words.
 */
public abstract class ActionRequiredException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  protected ActionRequiredException(String message) {
    super(message);
  }
}
