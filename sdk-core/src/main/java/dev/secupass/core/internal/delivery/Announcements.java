package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.events.OutboxEvents;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.Recipient;
import dev.secupass.spi.Storage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A new delivery's notices to its recipients, in the sending's transaction: the {@code
 * delivery.new} event (with a guest's invitation or the level-1 link), and for a recipient who
 * waits for a SecuPass their grant and the {@code secupass.required} event. The same for a
 * delivery the Java SDK encrypted and one a client encrypted ({@link ClientDeliveries}).
 *
 * @param subject the clear subject the events carry, or {@code null} at level 4
 */
record Announcements(DeliveryContext ctx, GrantEngine engine, DeliveryId id, Person sender,
    SecurityLevel level, Instant now, Instant expiresAt, @Nullable String subject) {

  /**
   * @param awaitingSecuPass the recipient has no key yet: queue their grant and tell them
   * @param accessCodeCheck the check of the guest's access code, stored with the invitation, or
   *     {@code null} when the sender set no code
   */
  void announce(Storage tx, Recipient recipient, @Nullable LinkToken link,
      boolean awaitingSecuPass, byte @Nullable [] accessCodeCheck) {
    EventId eventId = ctx.events().newId();
    Person audience = People.of(recipient);
    EventPayload.Builder payload = EventPayload.builder()
        .put(EventTypes.DELIVERY, id.value())
        .person(EventTypes.SENDER, sender)
        .put(EventTypes.LEVEL, String.valueOf(level.number()));
    if (subject != null) {
      payload.put(EventTypes.SUBJECT, subject);
    }
    if (link != null) {
      payload.sealed(EventTypes.LINK_TOKEN,
          OutboxEvents.seal(ctx.atRestKey(), eventId, EventTypes.LINK_TOKEN, link));
    } else if (recipient.kind() == PrincipalKind.GUEST) {
      LinkToken invitation = LinkToken.generate(ctx.random());
      Invitation saved = new Invitation(invitation.hash(), recipient.user(), id, now, expiresAt);
      tx.guests().saveInvitation(accessCodeCheck == null ? saved
          : saved.withAccessCode(accessCodeCheck));
      payload.sealed(EventTypes.INVITATION_TOKEN, OutboxEvents.seal(ctx.atRestKey(), eventId,
          EventTypes.INVITATION_TOKEN, invitation));
    }
    ctx.events().record(tx, eventId, EventTypes.DELIVERY_NEW, audience, payload);
    if (awaitingSecuPass) {
      engine.queue(tx, GrantTarget.delivery(id), recipient.user(), sender.user());
      ctx.events().record(tx, EventTypes.SECUPASS_REQUIRED, audience, EventPayload.builder()
          .put(EventTypes.DELIVERY, id.value())
          .person(EventTypes.SENDER, sender));
    }
  }
}
