package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;

/**
 * The audience, a recipient at level 3 or 4, must choose a SecuPass before they can open the
 * delivery; once they do, the sender's next unlock (or open session) releases it to them and they
 * get {@link DeliveryReleased}.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param sender who sent it
 * @param delivery the delivery waiting for the recipient's SecuPass
 */
public record SecuPassRequired(EventId id, Instant at, Person audience, Person sender,
    DeliveryId delivery) implements HostEvent {
  public SecuPassRequired {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(delivery, "delivery");
  }
}
