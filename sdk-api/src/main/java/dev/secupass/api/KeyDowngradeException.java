package dev.secupass.api;

import java.util.Objects;

/**
 * A user's public keys were presented without the post-quantum key the observer already saw for
 * the same keys: the storage offered an older, weaker form of them. The SDK refuses to wrap keys to
 * them with the weaker method (a downgrade), and nothing is sent or granted. The observer's
 * earlier check of the keys stays in force; this clears once the storage serves the current keys.
 */
public class KeyDowngradeException extends IntegrityException {
  private static final long serialVersionUID = 1L;

  private final Person subject;

  public KeyDowngradeException(Person subject) {
    super("the keys of " + Objects.requireNonNull(subject, "subject").displayName()
        + " were offered without their post-quantum key, which was seen before; refusing to"
        + " encrypt to them with the weaker method");
    this.subject = subject;
  }

  /** Whose keys were offered in the weaker form. */
  public UserId subject() {
    return subject.user();
  }

  /** Whose keys were offered in the weaker form, as the SDK knows them. */
  public Person person() {
    return subject;
  }
}
