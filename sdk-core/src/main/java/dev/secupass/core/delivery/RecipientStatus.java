package dev.secupass.core.delivery;

import dev.secupass.api.Person;
import java.util.Objects;

/**
 * Where one recipient of a delivery stands, for the sender's outbox.
 *
 * @param recipient the recipient (a guest with their e-mail address)
 * @param state whether they can open it and, if not, what it waits for
 */
public record RecipientStatus(Person recipient, State state) {
  /** What a recipient can do. */
  public enum State {
    /** They can open it (after signing in, and unlocking at level 3 or 4). */
    CAN_OPEN,
    /** They must choose a SecuPass first; a grant waits. */
    AWAITING_SECUPASS,
    /** They have a SecuPass; the sender's next unlock releases the key to them. */
    AWAITING_GRANT
  }

  public RecipientStatus {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(state, "state");
  }
}
