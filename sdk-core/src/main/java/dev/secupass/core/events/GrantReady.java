package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * For a granter (the sender of a delivery, or an owner or manager of a room): the recipient chose
 * (or reset) their SecuPass and waits for the key. The granter's next unlock, or their open session,
 * releases it.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param recipient who waits
 * @param delivery the delivery, or {@code null} for a room
 * @param room the room, or {@code null} for a delivery
 */
public record GrantReady(EventId id, Instant at, Person audience, Person recipient,
    @Nullable DeliveryId delivery, @Nullable RoomId room) implements HostEvent {
  public GrantReady {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(recipient, "recipient");
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
