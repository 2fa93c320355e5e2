package dev.secupass.samples.cli.mail;

import dev.secupass.api.UserId;
import dev.secupass.core.events.EventTypes;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.rooms.RoomEventTypes;
import dev.secupass.samples.host.UserDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the sample words each event: a one-line notice for the person it is for, and the e-mail the
 * host sends, whose body carries the link. Only {@link #mail} reveals tokens, for the mailbox of
 * the person they were sent to.
 */
public final class Notices {
  private final UserDirectory directory;

  public Notices(UserDirectory directory) {
    this.directory = directory;
  }

  /** One line without secrets: what happened, for the event's audience. */
  public String notice(HostEvent event) {
    String delivery = event.attribute(HostEvent.DELIVERY).orElse("?");
    String sender = person(event, HostEvent.SENDER);
    return switch (event.type()) {
      case EventTypes.DELIVERY_NEW -> "new delivery " + delivery + " from " + sender + ", level "
          + event.attribute(HostEvent.LEVEL).orElse("?")
          + event.attribute(HostEvent.SUBJECT).filter(s -> !s.isEmpty())
              .map(s -> ": \"" + s + "\"").orElse("");
      case EventTypes.SECUPASS_REQUIRED -> "choose a SecuPass to open delivery " + delivery
          + " from " + sender;
      case EventTypes.GRANT_READY -> person(event, HostEvent.RECIPIENT) + " has a SecuPass now and"
          + " waits for " + event.attribute(HostEvent.TARGET).orElse("?").replace(':', ' ')
          + ": unlock yours to release it";
      case EventTypes.DELIVERY_RELEASED -> "delivery " + delivery + " from " + sender
          + " is released to you: you can open it now";
      case EventTypes.DELIVERY_DOWNLOADED -> event.attribute(HostEvent.DOWNLOADER)
          .map(id -> name(UserId.of(id))).orElse("someone with the link") + " downloaded delivery "
          + delivery;
      case EventTypes.DELIVERY_EXPIRED -> "delivery " + delivery
          + " expired and its files were deleted";
      case RoomEventTypes.MEMBER_ADDED -> person(event, RoomEventTypes.BY) + " added you to room "
          + room(event) + event.attribute(RoomEventTypes.ACCESS)
              .filter("queued"::equals).map(a -> " (choose a SecuPass to open it)").orElse("");
      case RoomEventTypes.ACCESS_GRANTED -> "you can open room " + room(event) + " now";
      case RoomEventTypes.MEMBER_REMOVED -> person(event, RoomEventTypes.BY)
          + " removed you from room " + room(event);
      default -> event.type() + " " + event.attributes();
    };
  }

  /**
   * The e-mail for the event: a subject line and a body with the link the person follows (a
   * level-1 link or a guest's invitation carries its token).
   *
   * @param revealTokens whether links carry their tokens (the mailbox's owner reading it), or a
   *     placeholder (someone looking over their shoulder, as in the demo)
   */
  public List<String> mail(HostEvent event, boolean revealTokens) {
    List<String> lines = new ArrayList<>();
    lines.add("Subject: " + notice(event));
    if (event.type().equals(EventTypes.DELIVERY_NEW)) {
      Optional<String> link = event.linkToken().map(token -> Links.delivery(
          event.delivery().orElseThrow(), token)).map(text -> masked(text, revealTokens));
      Optional<String> invitation = event.invitationToken().map(Links::invitation)
          .map(text -> masked(text, revealTokens));
      if (link.isPresent()) {
        lines.add("Anyone with this link can download it: " + link.get());
      } else if (invitation.isPresent()) {
        lines.add("Open your invitation: " + invitation.get());
      } else {
        lines.add("Sign in and open it from your inbox: "
            + Links.inbox(event.delivery().orElseThrow()));
      }
    }
    return lines;
  }

  /** A link with its token, or with a placeholder where the token was. */
  public static String masked(String link, boolean reveal) {
    int hash = link.indexOf('#');
    return reveal || hash < 0 ? link : link.substring(0, hash + 1) + "<token, not shown>";
  }

  private String person(HostEvent event, String attribute) {
    return event.attribute(attribute).map(id -> name(UserId.of(id))).orElse("?");
  }

  private String room(HostEvent event) {
    return event.attribute(RoomEventTypes.ROOM).orElse("?");
  }

  private String name(UserId user) {
    return directory.nameOf(user);
  }
}
