package dev.secupass.samples.web.host;

import dev.secupass.api.UserId;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.events.EventTypes;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.rooms.RoomEventTypes;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes the e-mail a host would send for an SDK event: who gets it, what it says, and the link it
 * carries. Level-1 links and guests' invitation links carry a token, unsealed here from the event;
 * every other link leads to a page behind sign-in.
 */
public final class MailWriter {
  private final People people;
  private final Clock clock;

  public MailWriter(People people, Clock clock) {
    this.people = people;
    this.clock = clock;
  }

  /** The mail for {@code event}. */
  public SentMail write(HostEvent event) {
    String to = people.email(event.audience()).orElse(event.audience().value());
    String delivery = event.attribute(HostEvent.DELIVERY).orElse("");
    String sender = nameOf(event, HostEvent.SENDER);
    String room = event.attribute(RoomEventTypes.ROOM).orElse("");
    return switch (event.type()) {
      case EventTypes.DELIVERY_NEW -> newDelivery(event, to, delivery, sender);
      case EventTypes.SECUPASS_REQUIRED -> mail(to, sender + " sent you a delivery that needs a"
          + " SecuPass", "To open it you choose a SecuPass, a passphrase only you know, after"
          + " signing in. The delivery's own e-mail has the link.", null);
      case EventTypes.GRANT_READY -> grantReady(event, to);
      case EventTypes.DELIVERY_RELEASED -> mail(to, sender + " released a delivery to you",
          "You can open it now.", "/deliveries/" + delivery);
      case EventTypes.DELIVERY_DOWNLOADED -> mail(to, "Your delivery was downloaded",
          nameOf(event, HostEvent.DOWNLOADER, "Someone with the link") + " opened it.",
          "/outbox/" + delivery);
      case EventTypes.DELIVERY_EXPIRED -> mail(to, "Your delivery expired",
          "Its files were deleted.", "/outbox/" + delivery);
      case RoomEventTypes.MEMBER_ADDED -> mail(to, nameOf(event, RoomEventTypes.BY)
          + " added you to a data room", event.attribute(RoomEventTypes.ACCESS)
          .filter("queued"::equals).map(q -> "Choose a SecuPass to open it; a manager's next"
              + " unlock then gives you its key.").orElse("You can open it now."),
          "/rooms/" + room);
      case RoomEventTypes.ACCESS_GRANTED -> mail(to, "You can open a data room now",
          "Its key was granted to your SecuPass.", "/rooms/" + room);
      case RoomEventTypes.MEMBER_REMOVED -> mail(to, nameOf(event, RoomEventTypes.BY)
          + " removed you from a data room", "You no longer have access.", null);
      default -> mail(to, "SecuPass notice: " + event.type(), "", null);
    };
  }

  private SentMail newDelivery(HostEvent event, String to, String delivery, String sender) {
    String level = event.attribute(HostEvent.LEVEL).orElse("?");
    String subject = event.attribute(HostEvent.SUBJECT).map(s -> "\"" + s + "\"")
        .orElse("(subject end-to-end encrypted)");
    String title = sender + " sent you " + subject + " (level " + level + ")";
    Optional<LinkToken> link = event.linkToken();
    if (link.isPresent()) {
      return mail(to, title, "Whoever has this link can open the delivery.",
          "/link/" + delivery + "/" + link.get().reveal());
    }
    Optional<LinkToken> invitation = event.invitationToken();
    if (invitation.isPresent()) {
      return mail(to, title, "You are invited as a guest: follow the link, choose a username and"
          + " password (or sign in with the ones you chose before), then open the delivery.",
          "/invite/" + invitation.get().reveal());
    }
    return mail(to, title, "Sign in to open it.", "/deliveries/" + delivery);
  }

  private SentMail grantReady(HostEvent event, String to) {
    String recipient = nameOf(event, HostEvent.RECIPIENT);
    String target = event.attribute(HostEvent.TARGET).orElse("");
    String path = target.startsWith("room:") ? "/rooms/" + target.substring("room:".length())
        : "/outbox/" + event.attribute(HostEvent.DELIVERY).orElse("");
    return mail(to, recipient + " has chosen a SecuPass and is waiting",
        "Sign in and enter your SecuPass once to release "
            + (target.startsWith("room:") ? "the data room's key" : "your delivery") + " to them.",
        path);
  }

  private String nameOf(HostEvent event, String attribute) {
    return nameOf(event, attribute, "Someone");
  }

  private String nameOf(HostEvent event, String attribute, String otherwise) {
    return event.attribute(attribute).map(id -> people.name(UserId.of(id))).orElse(otherwise);
  }

  private SentMail mail(String to, String subject, String body, @Nullable String link) {
    return new SentMail(clock.instant(), to, subject, body, link);
  }
}
