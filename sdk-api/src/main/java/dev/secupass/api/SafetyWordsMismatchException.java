package dev.secupass.api;

import java.util.Objects;

/**
 * The safety words a sender confirmed are not those of the recipient's keys stored now: the keys
 * changed, or they belong to someone else (an invitation taken over). Nothing was pinned or
 * released.
 */
public class SafetyWordsMismatchException extends RefusedException {
  private static final long serialVersionUID = 1L;

  private final Person recipient;

  public SafetyWordsMismatchException(Person recipient) {
    super("the safety words do not match the keys of "
        + Objects.requireNonNull(recipient, "recipient").displayName()
        + "; nothing was released");
    this.recipient = recipient;
  }

  /** Whose keys did not match. */
  public Person recipient() {
    return recipient;
  }
}
