package dev.secupass.api;

/** What kind of person a {@link UserId} stands for. */
public enum PrincipalKind {
  /** A member of the host's organisation, signed in by the host. */
  EMPLOYEE,
  /** A person of a partner organisation with a login of their own at the host. */
  PARTNER,
  /**
   * A person without a login at the host. Guests arrive through the link in their e-mail, choose a
   * username and password on their first delivery, and reach only deliveries addressed to them.
   * Guests cannot be members of data rooms.
   */
  GUEST;

  /** Whether this kind of person can own or join data rooms and has an inbox. */
  public boolean isRegistered() {
    return this != GUEST;
  }
}
