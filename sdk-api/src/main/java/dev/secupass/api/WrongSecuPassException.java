package dev.secupass.api;

import java.util.Objects;

/**
 * The SecuPass given does not open the user's keys. The key record itself is intact and belongs to
 * the user (otherwise {@link InvalidKeyBlobException} is thrown instead), so the person most likely
 * mistyped it. Hosts count these to rate-limit or lock out (the SDK builder's unlock attempt
 * listener).
 */
public class WrongSecuPassException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  private final Person person;

  public WrongSecuPassException(Person person) {
    super("wrong SecuPass for " + Objects.requireNonNull(person, "person").displayName());
    this.person = person;
  }

  /** Whose SecuPass was wrong. */
  public UserId user() {
    return person.user();
  }

  /** Whose SecuPass was wrong, as the SDK knows them (a guest with their e-mail address). */
  public Person person() {
    return person;
  }
}
