package dev.secupass.samples.cli.mail;

import dev.secupass.api.Person;
import dev.secupass.api.UserId;
import dev.secupass.core.events.DeliveryDownloaded;
import dev.secupass.core.events.DeliveryExpired;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.DeliveryReleased;
import dev.secupass.core.events.FirstContactRefused;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.events.InvitationReused;
import dev.secupass.core.events.RoomAccessGranted;
import dev.secupass.core.events.RoomInvitation;
import dev.secupass.core.events.RoomMemberRemoved;
import dev.secupass.core.events.SecuPassRequired;
import dev.secupass.core.events.Unrecognized;
import dev.secupass.samples.host.UserDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * How the sample words each event: a one-line notice for the person it is for, and the e-mail the
 * host sends, whose body carries the link. Only {@link #mail} reveals tokens, for the mailbox of
 * the person they were sent to.
 */
public final class Notices {
  private final UserDirectory directory;
  private final BiPredicate<UserId, UserId> heldBackByReset;

  /** Notices for a host that knows of no reset keys (the demo's). */
  public Notices(UserDirectory directory) {
    this(directory, (granter, subject) -> false);
  }

  /**
   * @param heldBackByReset whether what a granter (first) grants a subject (second) waits until
   *     the granter compares the subject's keys, which came from a reset
   */
  public Notices(UserDirectory directory, BiPredicate<UserId, UserId> heldBackByReset) {
    this.directory = directory;
    this.heldBackByReset = heldBackByReset;
  }

  /** One line without secrets: what happened, for the event's audience. */
  public String notice(HostEvent event) {
    if (event instanceof DeliveryReceived e) {
      return "new delivery " + e.delivery() + " from " + name(e.sender()) + ", level "
          + e.level().number() + e.clearSubject().filter(s -> !s.isEmpty())
              .map(s -> ": \"" + s + "\"").orElse("");
    }
    if (event instanceof SecuPassRequired e) {
      return "choose a SecuPass to open delivery " + e.delivery() + " from " + name(e.sender());
    }
    if (event instanceof GrantReady e
        && heldBackByReset.test(e.audience().user(), e.recipient().user())) {
      String who = name(e.recipient());
      return who + " reset their SecuPass and waits for "
          + e.forDelivery().map(d -> "delivery " + d)
              .orElseGet(() -> "room " + e.forRoom().orElseThrow())
          + ": compare fingerprints with " + who + ", then 'verify " + who + " DIGITS' releases"
          + " it";
    }
    if (event instanceof GrantReady e) {
      return name(e.recipient()) + " has a SecuPass now and waits for "
          + e.forDelivery().map(d -> "delivery " + d)
              .orElseGet(() -> "room " + e.forRoom().orElseThrow())
          + ": unlock yours to release it";
    }
    if (event instanceof DeliveryReleased e) {
      return "delivery " + e.delivery() + " from " + name(e.sender())
          + " is released to you: you can open it now";
    }
    if (event instanceof DeliveryDownloaded e) {
      return e.knownDownloader().map(this::name).orElse("someone with the link")
          + " downloaded " + e.clearFileName().map(n -> "'" + n + "' of ").orElse("a file of ")
          + "delivery " + e.delivery();
    }
    if (event instanceof DeliveryExpired e) {
      return "delivery " + e.delivery() + " expired and its files were deleted";
    }
    if (event instanceof RoomInvitation e) {
      return name(e.by()) + " added you to room " + e.room() + " as "
          + e.role().name().toLowerCase(Locale.ROOT)
          + (e.secuPassRequired() ? " (choose a SecuPass to open it)" : "");
    }
    if (event instanceof RoomAccessGranted e) {
      return "you can open room " + e.room() + " now";
    }
    if (event instanceof RoomMemberRemoved e) {
      return name(e.by()) + " removed you from room " + e.room();
    }
    if (event instanceof FirstContactRefused e) {
      return "nothing of delivery " + e.delivery() + " was released to " + name(e.recipient())
          + ": their SecuPass was chosen without your access code (or their keys were"
          + " replaced); talk to them and send again";
    }
    if (event instanceof InvitationReused e) {
      return "someone tried to register again with the invitation of " + name(e.guest())
          + " to delivery " + e.delivery() + ": if " + name(e.guest()) + " did not register,"
          + " someone else holds their invitation; do not confirm that account, send again";
    }
    return "a notice this sample cannot read (" + ((Unrecognized) event).type() + ")";
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
    if (event instanceof DeliveryReceived e) {
      Optional<String> link = e.link().map(token -> Links.delivery(e.delivery(), token))
          .map(text -> masked(text, revealTokens));
      Optional<String> invitation = e.invitation().map(Links::invitation)
          .map(text -> masked(text, revealTokens));
      if (link.isPresent()) {
        lines.add("Anyone with this link can download it: " + link.get());
      } else if (invitation.isPresent()) {
        lines.add("Open your invitation: " + invitation.get());
      } else {
        lines.add("Sign in and open it from your inbox: " + Links.inbox(e.delivery()));
      }
    }
    return lines;
  }

  /** A link with its token, or with a placeholder where the token was. */
  public static String masked(String link, boolean reveal) {
    int hash = link.indexOf('#');
    return reveal || hash < 0 ? link : link.substring(0, hash + 1) + "<token, not shown>";
  }

  /** The directory's name of a person, or their address (a guest), or their user id. */
  private String name(Person person) {
    return directory.byId(person.user()).isPresent() ? directory.nameOf(person.user())
        : person.displayName();
  }
}
