package dev.secupass.api;

import java.util.Objects;

/**
 * The operation needs a SecuPass the user has not chosen yet (opening or creating a data room,
 * sending or opening at level 3 or 4, the settings page). A UI turns this into the activation
 * dialog.
 */
public class SecuPassRequiredException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  private final Person person;

  public SecuPassRequiredException(Person person) {
    super(Objects.requireNonNull(person, "person").displayName()
        + " has no SecuPass yet; choose one first");
    this.person = person;
  }

  /** Who must choose a SecuPass. */
  public UserId user() {
    return person.user();
  }

  /** Who must choose a SecuPass, as the SDK knows them (a guest with their e-mail address). */
  public Person person() {
    return person;
  }
}
