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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the sample words each event: a one-line notice for the person it is for, with the ids the
 * other commands take, and the e-mail the host sends, whose subject says what happened in names and
 * words (no ids) and whose body carries the link. Only {@link #mail} reveals tokens, for the
 * mailbox of the person they were sent to.
 */
public final class Notices {
  /** An id in a link's path: 16 or more hex digits. */
  private static final Pattern LONG_ID = Pattern.compile("[0-9a-f]{16,}");

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
   * The e-mail's subject: what happened, in names and words the host knows (a delivery's clear
   * subject at levels 1-3; a room's name is end-to-end encrypted, so a room is "a data room"
   * that someone shares), without ids or secrets.
   */
  public String subject(HostEvent event) {
    if (event instanceof DeliveryReceived e) {
      return name(e.sender()) + " sent you " + e.clearSubject().filter(s -> !s.isEmpty())
          .map(s -> "\"" + s + "\"").orElse("a delivery") + " (level " + e.level().number()
          + (e.level().number() == 4 ? ": its subject is end-to-end encrypted" : "") + ")";
    }
    if (event instanceof SecuPassRequired e) {
      return "choose a SecuPass to open the delivery " + name(e.sender()) + " sent you";
    }
    if (event instanceof GrantReady e) {
      String who = name(e.recipient());
      String what = e.forDelivery().isPresent() ? "your delivery"
          : "the key of a data room you manage";
      return heldBackByReset.test(e.audience().user(), e.recipient().user())
          ? who + " reset their SecuPass and waits for " + what + ": compare fingerprints"
              + " with " + who + " before you release it"
          : who + " has a SecuPass now and waits for " + what + ": unlock yours to release it";
    }
    if (event instanceof DeliveryReleased e) {
      return "the delivery " + name(e.sender()) + " sent you is released to you: you can open"
          + " it now";
    }
    if (event instanceof DeliveryDownloaded e) {
      return e.knownDownloader().map(this::name).orElse("someone with the link")
          + " downloaded " + e.clearFileName().map(n -> "'" + n + "'").orElse("a file")
          + " of your delivery";
    }
    if (event instanceof DeliveryExpired) {
      return "a delivery of yours expired and its files were deleted";
    }
    if (event instanceof RoomInvitation e) {
      return name(e.by()) + " shared a data room with you, as "
          + e.role().name().toLowerCase(Locale.ROOT)
          + (e.secuPassRequired() ? " (choose a SecuPass to open it)" : "");
    }
    if (event instanceof RoomAccessGranted e) {
      return "you can open the data room shared by " + name(e.by()) + " now";
    }
    if (event instanceof RoomMemberRemoved e) {
      return name(e.by()) + " removed you from a data room they share";
    }
    if (event instanceof FirstContactRefused e) {
      return "nothing of your delivery was released to " + name(e.recipient()) + ": their"
          + " SecuPass was chosen without your access code (or their keys were replaced)";
    }
    if (event instanceof InvitationReused e) {
      return "someone tried to register again with the invitation of " + name(e.guest());
    }
    return "a notice this sample cannot read (" + ((Unrecognized) event).type() + ")";
  }

  /**
   * The e-mail for the event: a subject line ({@link #subject}) and a body with the link the
   * person follows (a level-1 link or a guest's invitation carries its token); in the mailbox's
   * owner's view, also the ids the other commands take (the delivery's reference, or the
   * {@link #notice}).
   *
   * @param revealTokens whether links carry their tokens and whole ids (the mailbox's owner
   *     reading it), or a placeholder for the token and a shortened id (someone looking over
   *     their shoulder, as in the demo)
   */
  public List<String> mail(HostEvent event, boolean revealTokens) {
    List<String> lines = new ArrayList<>();
    lines.add("Subject: " + subject(event));
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
        lines.add("Sign in and open it from your inbox: "
            + masked(Links.inbox(e.delivery()), revealTokens));
      }
      if (revealTokens) {
        lines.add("Reference: delivery " + e.delivery());
      }
    } else if (revealTokens) {
      lines.add(notice(event));
    }
    return lines;
  }

  /**
   * A link with its token, or with a placeholder where the token was and its id shortened to 8
   * characters.
   */
  public static String masked(String link, boolean reveal) {
    if (reveal) {
      return link;
    }
    int hash = link.indexOf('#');
    String path = hash < 0 ? link : link.substring(0, hash);
    Matcher id = LONG_ID.matcher(path);
    String shortened = id.find() ? path.substring(0, id.start()) + id.group().substring(0, 8)
        + "..." + path.substring(id.end()) : path;
    return hash < 0 ? shortened : shortened + "#<token, not shown>";
  }

  /** The directory's name of a person, or their address (a guest), or their user id. */
  private String name(Person person) {
    return directory.byId(person.user()).isPresent() ? directory.nameOf(person.user())
        : person.displayName();
  }
}
