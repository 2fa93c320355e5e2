package dev.secupass.samples.cli.demo;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.guests.GuestInvitation;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPassSession;

/**
 * The first-contact round trip: Alice sends a level-3 delivery to Gina, a guest without an
 * account, protected by a one-time access code that Alice tells Gina on the phone; Gina registers,
 * signs in and chooses a SecuPass with the code, which binds her new keys to it; Alice's next
 * unlock checks that binding and releases it; Gina opens the files. (Without a code, the default
 * first-contact policy would have Alice compare Gina's safety words before releasing.)
 */
final class GuestStory {
  private final Cast cast;
  private final Narrator say;
  private final SampleFile contract = SampleFile.of("contract.pdf", 48 * 1024);

  GuestStory(Cast cast) {
    this.cast = cast;
    this.say = cast.say;
  }

  void play() {
    SignedInUser alice = cast.alice.signedIn();
    say.chapter("Alice, an employee, chooses her SecuPass");
    cast.activate("alice", alice.user(), Cast.ALICE_SECUPASS);

    say.chapter("Alice sends a level-3 (secret) delivery to a new guest, " + Cast.GINA_ADDRESS);
    SentDelivery sent = send(alice);
    DeliveryId id = sent.id();
    AccessCode code = sent.accessCodes().values().iterator().next();
    say.party("alice", "calls gina and reads her the access code " + code.reveal()
        + " (never in the mail: whoever holds the link must not hold the code)");
    UserId gina = cast.directory().byEmail(Cast.GINA_ADDRESS).orElseThrow().id();
    cast.sendMail();

    say.chapter("Gina's first visit: username, password, SecuPass, and a short wait");
    SignedInUser signedIn = register(gina);
    say.party("gina", "tries to open the delivery: "
        + cast.refusal(() -> cast.sdk.deliveries().open(signedIn, id)));
    cast.activate("gina", gina, Cast.GINA_SECUPASS, code);
    say.party("gina", "types the access code alice gave her: her new keys are bound to it");
    try (SecuPassSession session = cast.unlock(gina, Cast.GINA_SECUPASS)) {
      say.party("gina", "tries again: " + cast.refusal(
          () -> cast.sdk.deliveries().open(signedIn, session, id)));
    }
    say.party("gina", "waits: the content key is wrapped to the people alice chose, and gina's"
        + " key did not exist when alice sent it");
    cast.sendMail();

    say.chapter("Alice sees the notice and enters her SecuPass once");
    say.party("alice", "her outbox: " + recipientState(alice, id, gina));
    cast.unlock(alice.user(), Cast.ALICE_SECUPASS).close();  // the unlock itself releases it
    say.party("alice", "enters her SecuPass: the SDK checks that gina's new keys are bound to"
        + " the access code, then wraps the content key to them, signed by alice");
    say.party("alice", "her outbox: " + recipientState(alice, id, gina));
    cast.sendMail();

    say.chapter("Gina opens the files");
    open(signedIn, id);
    cast.sendMail();
  }

  private SentDelivery send(SignedInUser alice) {
    DeliveryDraft.Builder draft = DeliveryDraft.builder()
        .accessCodes()
        .level(SecurityLevel.SECRET)
        .subject("Contract")
        .message("Please sign by Friday.")
        .to(Addressee.guest(Cast.GINA_ADDRESS));
    contract.addTo(draft);
    SentDelivery sent;
    try (SecuPassSession session = cast.unlock(alice.user(), Cast.ALICE_SECUPASS)) {
      sent = cast.sdk.deliveries().send(alice, session, draft.build());
    }
    for (Person recipient : sent.recipients()) {
      cast.directory().rememberGuest(recipient.user(), recipient.displayName());
    }
    say.party("alice", "unlocks her SecuPass and sends \"Contract\" with "
        + contract.describe());
    cast.call(sent.id(), "the delivery \"Contract\"");
    say.party("alice", "sees: " + Cast.GINA_ADDRESS + " must choose a SecuPass first; a grant"
        + " waits for her (" + sent.awaitingSecuPass().size() + " recipient waiting)");
    return sent;
  }

  private SignedInUser register(UserId gina) {
    DeliveryReceived invitationMail = cast.sdk.events().forUser(gina, PageRequest.first(10))
        .items().stream().filter(DeliveryReceived.class::isInstance)
        .map(DeliveryReceived.class::cast).findFirst().orElseThrow();
    GuestInvitation arrival = cast.sdk.guests()
        .arrive(invitationMail.invitation().orElseThrow());
    say.party("gina", "follows the link in her mail: " + (arrival.registered()
        ? "she is registered, so she signs in"
        : "a first visit, so she chooses a username and a password"));
    try (Password password = Password.of(Cast.GINA_PASSWORD)) {
      cast.sdk.guests().register(invitationMail.invitation().orElseThrow(), "gina",
          password);
    }
    SignedInUser signedIn;
    try (Password password = Password.of(Cast.GINA_PASSWORD)) {
      signedIn = cast.sdk.guests().signIn("gina", password);
    }
    say.party("gina", "registers as \"gina\" and signs in with her password (never shown; it is"
        + " not her SecuPass)");
    return signedIn;
  }

  private String recipientState(SignedInUser alice, DeliveryId id, UserId gina) {
    RecipientStatus status = cast.sdk.deliveries().recipientStatus(alice, id).stream()
        .filter(s -> s.recipient().user().equals(gina)).findFirst().orElseThrow();
    return Cast.GINA_ADDRESS + " " + switch (status.state()) {
      case CAN_OPEN -> "can open it";
      case AWAITING_SECUPASS -> "must choose a SecuPass";
      case AWAITING_GRANT -> "has chosen a SecuPass; alice's next unlock releases it";
    };
  }

  private void open(SignedInUser gina, DeliveryId id) {
    try (SecuPassSession session = cast.unlock(gina.user(), Cast.GINA_SECUPASS);
        OpenedDelivery opened = cast.sdk.deliveries().open(gina, session, id)) {
      say.party("gina", "unlocks her SecuPass and opens it: \"" + opened.subject() + "\", \""
          + opened.message() + "\" from " + cast.name(opened.sender()));
      for (DeliveredFile file : opened.files()) {
        say.party("gina", "downloads " + file.name() + ": "
            + contract.compare(opened.read(file.id())));
      }
    }
  }
}
