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
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.Recipient;
import dev.secupass.spi.Storage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A new delivery's notices to its recipients, in the sending's transaction: the {@code
 * delivery.new} event (with a guest's invitation or the level-1 link), for a recipient not wrapped
 * to at once their grant, and for one who waits for a SecuPass the {@code secupass.required} event. The same for a
 * delivery the Java SDK encrypted and one a client encrypted ({@link ClientDeliveries}).
 *
 * @param subject the clear subject the events carry, or {@code null} at level 4
 */
record Announcements(DeliveryContext ctx, GrantEngine engine, DeliveryId id, Person sender,
    SecurityLevel level, Instant now, Instant expiresAt, @Nullable String subject) {

  /** Why a recipient gets a grant instead of an envelope. */
  enum Wait {
    /** Wrapped to at once: no grant. */
    NONE,
    /** No SecuPass yet: a grant, and the {@code secupass.required} event. */
    SECUPASS,
    /**
     * Keys the sender never verified: a grant the first-contact policy holds until the sender
     * confirms the safety words; the send's result reports it, so nobody is told by event.
     */
    CONFIRMATION
  }

  /**
   * @param wait whether the recipient's key is not wrapped to at once, and why
   * @param accessCodeCheck the check of the guest's access code, stored with the invitation, or
   *     {@code null} when the sender set no code
   * @return the grant queued, or {@code null}
   */
  @Nullable Grant announce(Storage tx, Recipient recipient, @Nullable LinkToken link,
      Wait wait, byte @Nullable [] accessCodeCheck) {
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
    Grant queued = switch (wait) {
      case NONE -> null;
      case SECUPASS -> engine.queue(tx, GrantTarget.delivery(id), recipient.user(),
          sender.user());
      case CONFIRMATION -> engine.queueHeld(tx, GrantTarget.delivery(id), recipient.user(),
          sender.user());
    };
    if (wait == Wait.SECUPASS) {
      ctx.events().record(tx, EventTypes.SECUPASS_REQUIRED, audience, EventPayload.builder()
          .put(EventTypes.DELIVERY, id.value())
          .person(EventTypes.SENDER, sender));
    }
    return queued;
  }
}
