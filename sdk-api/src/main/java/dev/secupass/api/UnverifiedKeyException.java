package dev.secupass.api;

import java.util.Objects;

/**
 * A first-contact release waits for the sender: the recipient's keys were never verified (no pin,
 * no access code binding) and the host's first-contact policy does not release to such keys on
 * their own at this level. The sender compares the recipient's safety words (their fingerprint
 * in words) with the recipient out of band and confirms them; then the release goes ahead.
 */
public class UnverifiedKeyException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  private final Person recipient;
  private final Fingerprint presented;

  public UnverifiedKeyException(Person recipient, Fingerprint presented) {
    super("the keys of " + Objects.requireNonNull(recipient, "recipient").displayName()
        + " were not verified yet; compare their safety words with them and confirm");
    this.recipient = recipient;
    this.presented = Objects.requireNonNull(presented, "presented");
  }

  /** Whose keys wait for confirmation (a guest with their e-mail address). */
  public Person recipient() {
    return recipient;
  }

  /** The fingerprint of the keys stored now (rendered as safety words by the SDK). */
  public Fingerprint presented() {
    return presented;
  }
}
