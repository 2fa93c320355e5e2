package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;

/**
 * For the sender of a delivery: someone tried to register with a guest invitation that was used
 * already. If the guest says they did not register, their invitation was taken over by whoever
 * registered first; do not confirm that account's safety words, and send again.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told (the sender)
 * @param guest the guest the invitation is for
 * @param delivery the delivery the invitation leads to
 */
public record InvitationReused(EventId id, Instant at, Person audience, Person guest,
    DeliveryId delivery) implements HostEvent {
  public InvitationReused {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(delivery, "delivery");
  }
}
