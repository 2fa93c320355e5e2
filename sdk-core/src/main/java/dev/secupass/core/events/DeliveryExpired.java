package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;

/**
 * For the sender: the delivery expired and its files were deleted. It stays in their outbox.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param delivery the delivery
 */
public record DeliveryExpired(EventId id, Instant at, Person audience,
    DeliveryId delivery) implements HostEvent {
  public DeliveryExpired {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(delivery, "delivery");
  }
}
