package dev.secupass.samples.web.host;

import dev.secupass.core.delivery.LinkToken;
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
import dev.secupass.core.events.KeyLogAlarmRaised;
import dev.secupass.core.events.Unrecognized;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes the e-mail a host would send for an SDK event: who gets it, what it says, and the link it
 * carries. Level-1 links and guests' invitation links carry a token from the event; every other
 * link leads to a page behind sign-in. A guest is mailed at the address the event carries.
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
    String to = people.email(event.audience().user()).or(() -> event.audience().address())
        .orElse(event.audience().displayName());
    if (event instanceof DeliveryReceived e) {
      return newDelivery(e, to);
    }
    if (event instanceof SecuPassRequired e) {
      return mail(to, people.name(e.sender()) + " sent you a delivery that needs a SecuPass",
          "To open it you choose a SecuPass, a passphrase only you know, after signing in. The"
          + " delivery's own e-mail has the link.", null);
    }
    if (event instanceof GrantReady e) {
      boolean room = e.forRoom().isPresent();
      return mail(to, people.name(e.recipient()) + " has chosen a SecuPass and is waiting",
          "Sign in and enter your SecuPass once to release "
              + (room ? "the data room's key" : "your delivery") + " to them.",
          room ? "/rooms/" + e.forRoom().get() : "/outbox/" + e.forDelivery().orElseThrow());
    }
    if (event instanceof DeliveryReleased e) {
      return mail(to, people.name(e.sender()) + " released a delivery to you",
          "You can open it now.", "/deliveries/" + e.delivery());
    }
    if (event instanceof DeliveryDownloaded e) {
      return mail(to, "Your delivery was downloaded",
          e.knownDownloader().map(people::name).orElse("Someone with the link") + " downloaded "
              + e.clearFileName().map(n -> "\"" + n + "\"").orElse("a file") + ".",
          "/outbox/" + e.delivery());
    }
    if (event instanceof DeliveryExpired e) {
      return mail(to, "Your delivery expired", "Its files were deleted.",
          "/outbox/" + e.delivery());
    }
    if (event instanceof RoomInvitation e) {
      return mail(to, people.name(e.by()) + " added you to a data room", e.secuPassRequired()
          ? "Choose a SecuPass to open it; a manager's next unlock then gives you its key."
          : "You can open it now.", "/rooms/" + e.room());
    }
    if (event instanceof RoomAccessGranted e) {
      return mail(to, "You can open a data room now", "Its key was granted to your SecuPass.",
          "/rooms/" + e.room());
    }
    if (event instanceof RoomMemberRemoved e) {
      return mail(to, people.name(e.by()) + " removed you from a data room",
          "You no longer have access.", null);
    }
    if (event instanceof FirstContactRefused e) {
      return mail(to, "Nothing was released to " + people.name(e.recipient()),
          "Their SecuPass was chosen without the access code you set, or their keys were"
              + " replaced. Talk to them and send again.", "/outbox/" + e.delivery());
    }
    if (event instanceof InvitationReused e) {
      return mail(to, "Someone tried to register again with the invitation of "
          + people.name(e.guest()),
          "If they did not register themselves, someone else holds their invitation: do not"
              + " confirm that account's safety words, and send again.",
          "/outbox/" + e.delivery());
    }
    if (event instanceof KeyLogAlarmRaised e) {
      return mail(to, "Check your SecuPass keys",
          "The host's key log holds keys under your name that your SecuPass did not make, or it"
              + " changed its history. If you did not reset or change your SecuPass, tell the"
              + " people who run this service before you send or release anything.",
          "/settings");
    }
    if (event instanceof Unrecognized e) {
      return mail(to, "SecuPass notice: " + e.type(), "", null);
    }
    return mail(to, "SecuPass notice", "", null);
  }

  private SentMail newDelivery(DeliveryReceived event, String to) {
    String subject = event.clearSubject().map(s -> "\"" + s + "\"")
        .orElse("(subject end-to-end encrypted)");
    String title = people.name(event.sender()) + " sent you " + subject + " (level "
        + event.level().number() + ")";
    Optional<LinkToken> link = event.link();
    if (link.isPresent()) {
      return mail(to, title, "Whoever has this link can open the delivery.",
          "/link/" + event.delivery() + "/" + link.get().reveal());
    }
    Optional<LinkToken> invitation = event.invitation();
    if (invitation.isPresent()) {
      return mail(to, title, "You are invited as a guest: follow the link, choose a username and"
          + " password (or sign in with the ones you chose before), then open the delivery.",
          "/invite/" + invitation.get().reveal());
    }
    return mail(to, title, "Sign in to open it.", "/deliveries/" + event.delivery());
  }

  private SentMail mail(String to, String subject, String body, @Nullable String link) {
    return new SentMail(clock.instant(), to, subject, body, link);
  }
}
