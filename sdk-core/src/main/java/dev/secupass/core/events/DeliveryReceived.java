package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.delivery.LinkToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A delivery for the audience, a recipient: the host mails them a notice with the way in. At
 * level 1 it carries the link token (the link opens the delivery without sign-in); for a guest at
 * levels 2-4 the invitation token (their link to register or sign in). A recipient at levels 3-4
 * without a SecuPass also gets {@link SecuPassRequired}.
 *
 * <p>Holds secrets (the tokens): {@link #toString()} leaves them out; put them only into the link
 * the recipient receives.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param sender who sent it
 * @param delivery the delivery
 * @param level its security level
 * @param subject its subject at levels 1-3; {@code null} at level 4 (end-to-end encrypted)
 * @param linkToken the link's token at level 1, else {@code null}
 * @param invitationToken a guest's invitation token at levels 2-4, else {@code null}
 */
public record DeliveryReceived(EventId id, Instant at, Person audience, Person sender,
    DeliveryId delivery, SecurityLevel level, @Nullable String subject,
    @Nullable LinkToken linkToken, @Nullable LinkToken invitationToken) implements HostEvent {
  public DeliveryReceived {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(level, "level");
  }

  /** The subject, unless it is end-to-end encrypted (level 4). */
  public Optional<String> clearSubject() {
    return Optional.ofNullable(subject);
  }

  /** The token of a level-1 delivery's link. */
  public Optional<LinkToken> link() {
    return Optional.ofNullable(linkToken);
  }

  /** A guest's invitation token (levels 2-4). */
  public Optional<LinkToken> invitation() {
    return Optional.ofNullable(invitationToken);
  }

  /** Leaves the tokens out. */
  @Override
  public String toString() {
    return "DeliveryReceived[id=" + id + ", audience=" + audience + ", sender=" + sender
        + ", delivery=" + delivery + ", level=" + level.number() + "]";
  }
}
