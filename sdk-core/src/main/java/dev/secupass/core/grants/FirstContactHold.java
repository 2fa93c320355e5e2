package dev.secupass.core.grants;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import dev.secupass.core.keys.SafetyWords;
import java.util.Objects;

/**
 * A first-contact release the {@link FirstContactPolicy} holds for the sender: the recipient's keys
 * were never verified. The sender compares {@link #presented()} with the recipient out of band
 * (the recipient reads theirs from their own session: {@code
 * SafetyWords.of(session.fingerprint())}) and confirms them with {@link
 * Grants#confirmFirstContact}; words that differ mean someone else chose the SecuPass or the keys
 * were replaced.
 *
 * @param grant the grant left waiting
 * @param recipient who waits (a guest with their e-mail address)
 * @param delivery the delivery
 * @param presented the safety words of the recipient's keys stored now
 */
public record FirstContactHold(GrantId grant, Person recipient, DeliveryId delivery,
    SafetyWords presented) {
  public FirstContactHold {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(presented, "presented");
  }
}
