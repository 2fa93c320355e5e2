package dev.secupass.api;

import java.util.Objects;

/**
 * The operation needs the user's unlocked SecuPass (sending or opening at level 3 or 4): they have
 * a SecuPass but no session was given. A UI turns this into the unlock dialog; a user who has no
 * SecuPass at all gets {@link SecuPassRequiredException} instead.
 */
public class UnlockRequiredException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  private final Person person;

  public UnlockRequiredException(Person person) {
    super(Objects.requireNonNull(person, "person").displayName()
        + " must unlock their SecuPass for this");
    this.person = person;
  }

  /** Who must unlock. */
  public UserId user() {
    return person.user();
  }

  /** Who must unlock, as the SDK knows them (a guest with their e-mail address). */
  public Person person() {
    return person;
  }
}
