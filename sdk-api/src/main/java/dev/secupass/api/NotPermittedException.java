package dev.secupass.api;

/**
 * The caller may not do this: their role in a data room does not allow it (a viewer uploading, an
 * editor adding members, a manager removing an owner), they are not a member, or the person the
 * action concerns cannot take part (a guest cannot be a room member). Nothing was changed.
 */
public class NotPermittedException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public NotPermittedException(String message) {
    super(message);
  }
}
