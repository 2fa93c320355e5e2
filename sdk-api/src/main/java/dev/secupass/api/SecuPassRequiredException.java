package dev.secupass.api;

/**
 * The operation needs a SecuPass the user has not activated yet (opening or creating a data room,
 * sending or opening at level 3 or 4, the settings page). A UI turns this into the activation
 * dialog.
 */
public class SecuPassRequiredException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  private final UserId user;

  public SecuPassRequiredException(UserId user) {
    super("user " + user + " has no active SecuPass; activation is required");
    this.user = user;
  }

  /** Who needs to activate a SecuPass. */
  public UserId user() {
    return user;
  }
}
