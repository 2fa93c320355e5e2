package dev.secupass.core.grants;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FirstContactRefusedException;
import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import java.util.Objects;

/**
 * A first-contact release refused because the recipient's keys lack a valid binding to the
 * delivery's access code. The grant is cancelled, so the delivery stays locked for those keys; the
 * refusal is audited and the sender gets a {@link dev.secupass.core.events.FirstContactRefused}
 * event.
 *
 * @param grant the grant cancelled
 * @param recipient whose keys were refused
 * @param delivery the delivery
 * @param reason why
 */
public record FirstContactRefusal(GrantId grant, Person recipient, DeliveryId delivery,
    FirstContactRefusedException.Reason reason) {
  public FirstContactRefusal {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(reason, "reason");
  }
}
