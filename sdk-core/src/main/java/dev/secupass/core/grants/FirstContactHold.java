package dev.secupass.core.grants;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import dev.secupass.core.keys.SafetyWords;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A release the {@link FirstContactPolicy} holds for the sender (or a room's owner or manager):
 * the recipient's keys were never verified. That is a first-contact grant, a direct send to
 * someone whose keys the sender never pinned ({@link
 * dev.secupass.core.delivery.SentDelivery#awaitingConfirmation()}), or a room member's first
 * grant. The granter compares {@link #presented()} with the recipient out of band (the recipient
 * reads theirs from their own session: {@code SafetyWords.of(session.fingerprint())}) and confirms
 * them with {@link Grants#confirmFirstContact}; words that differ mean someone else chose the
 * SecuPass or the keys were replaced.
 *
 * @param grant the grant left waiting
 * @param recipient who waits (a guest with their e-mail address)
 * @param delivery the delivery, or {@code null} for a room's key
 * @param room the room, or {@code null} for a delivery
 * @param presented the safety words of the recipient's keys stored now
 */
public record FirstContactHold(GrantId grant, Person recipient, @Nullable DeliveryId delivery,
    @Nullable RoomId room, SafetyWords presented) {
  public FirstContactHold {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(presented, "presented");
    if ((delivery == null) == (room == null)) {
      throw new IllegalArgumentException("a hold is for one delivery or one room");
    }
  }

  /** The delivery, for a delivery's release. */
  public Optional<DeliveryId> forDelivery() {
    return Optional.ofNullable(delivery);
  }

  /** The room, for a room key's release. */
  public Optional<RoomId> forRoom() {
    return Optional.ofNullable(room);
  }
}
