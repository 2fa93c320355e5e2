package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;

/**
 * For a recipient who waited (for their first SecuPass, or after a reset): the delivery can now be
 * opened.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param sender who sent it (and released it)
 * @param delivery the delivery
 */
public record DeliveryReleased(EventId id, Instant at, Person audience, Person sender,
    DeliveryId delivery) implements HostEvent {
  public DeliveryReleased {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(delivery, "delivery");
  }
}
