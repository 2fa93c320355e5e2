package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.FirstContactRefusedException;
import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;

/**
 * For the sender of a delivery protected by an access code: the recipient's keys carry no binding
 * to the code, or a wrong one, so the SDK released nothing to them and the delivery stays locked
 * for them. Someone other than the recipient may have chosen the SecuPass (a forwarded invitation),
 * or the keys were replaced in storage. Talk to the recipient and send again.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told (the sender)
 * @param recipient whose keys were refused
 * @param delivery the delivery
 * @param reason why
 */
public record FirstContactRefused(EventId id, Instant at, Person audience, Person recipient,
    DeliveryId delivery, FirstContactRefusedException.Reason reason) implements HostEvent {
  public FirstContactRefused {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(reason, "reason");
  }
}
