package dev.secupass.api;

/**
 * A guest invitation was used already: someone registered with it, and an invitation registers
 * once. If that was not the person asking, their invitation was taken over; the sender has been
 * told by an event and can send again. Signing in with the username and password chosen at that
 * registration still works.
 */
public class InvitationUsedException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public InvitationUsedException(String message) {
    super(message);
  }

  /** {@code false}: the invitation stays used. */
  @Override
  public boolean retryable() {
    return false;
  }
}
