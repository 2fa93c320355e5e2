package dev.secupass.core.grants;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A grant a granter can fulfil, as a host shows it: who waits for which delivery's or room's key,
 * and for what.
 *
 * @param id the grant
 * @param recipient who waits (a guest with their e-mail address)
 * @param delivery the delivery, or {@code null} for a room grant
 * @param room the room, or {@code null} for a delivery grant
 * @param state what it waits for
 * @param queuedAt when it was queued
 */
public record PendingGrant(GrantId id, Person recipient, @Nullable DeliveryId delivery,
    @Nullable RoomId room, State state, Instant queuedAt) {

  /** What a pending grant waits for. */
  public enum State {
    /** The recipient has not chosen a SecuPass yet. */
    AWAITING_SECUPASS,
    /** The recipient has one; the granter's next unlock (or open session) fulfils it. */
    READY
  }

  public PendingGrant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(queuedAt, "queuedAt");
    if ((delivery == null) == (room == null)) {
      throw new IllegalArgumentException("a grant is for one delivery or one room");
    }
  }

  /** The delivery, for a delivery grant. */
  public Optional<DeliveryId> forDelivery() {
    return Optional.ofNullable(delivery);
  }

  /** The room, for a room grant. */
  public Optional<RoomId> forRoom() {
    return Optional.ofNullable(room);
  }
}
