package dev.secupass.api;

import java.util.Objects;

/**
 * A user's public keys are not the ones the observer pinned when it first used them (trust on
 * first use). Either the user reset their SecuPass, or someone replaced the keys in storage. The
 * SDK refuses to use the new keys until the observer re-verifies them explicitly, typically after
 * comparing {@link #presented()} with the user out of band.
 */
public class KeyChangedException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  private final Person subject;
  private final Fingerprint pinned;
  private final Fingerprint presented;

  public KeyChangedException(Person subject, Fingerprint pinned, Fingerprint presented) {
    super("the keys of " + Objects.requireNonNull(subject, "subject").displayName()
        + " changed since they were verified (verified " + pinned + ", now " + presented
        + "); compare the fingerprint with them and confirm it");
    this.subject = subject;
    this.pinned = pinned;
    this.presented = presented;
  }

  /** Whose keys changed. */
  public UserId subject() {
    return subject.user();
  }

  /** Whose keys changed, as the SDK knows them (a guest with their e-mail address). */
  public Person person() {
    return subject;
  }

  /** The fingerprint that was pinned. */
  public Fingerprint pinned() {
    return pinned;
  }

  /** The fingerprint of the keys found now. */
  public Fingerprint presented() {
    return presented;
  }
}
