package dev.secupass.api;

import java.util.Objects;

/**
 * A first-contact release was refused: the delivery was protected by a one-time access code and
 * the recipient's public keys carry no binding to that code, or a binding that does not verify
 * (someone without the code chose the SecuPass, or the keys were replaced in storage after the
 * recipient bound them). Nothing was wrapped to those keys; the delivery stays locked for them, the
 * refusal is in the audit trail and the sender is told by an event.
 */
public class FirstContactRefusedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  /** Why the release was refused. */
  public enum Reason {
    /** The recipient's keys carry no binding to the access code. */
    BINDING_MISSING,
    /** The binding does not verify for the recipient's keys now stored. */
    BINDING_WRONG
  }

  private final Person recipient;
  private final Reason reason;

  public FirstContactRefusedException(Person recipient, Reason reason) {
    super(message(Objects.requireNonNull(recipient, "recipient"),
        Objects.requireNonNull(reason, "reason")));
    this.recipient = recipient;
    this.reason = reason;
  }

  /** Whose keys were refused (a guest with their e-mail address). */
  public Person recipient() {
    return recipient;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }

  private static String message(Person recipient, Reason reason) {
    return switch (reason) {
      case BINDING_MISSING -> "the SecuPass of " + recipient.displayName()
          + " was chosen without the access code of this delivery; nothing was released to it";
      case BINDING_WRONG -> "the keys of " + recipient.displayName()
          + " do not match the access code of this delivery; nothing was released to them";
    };
  }
}
