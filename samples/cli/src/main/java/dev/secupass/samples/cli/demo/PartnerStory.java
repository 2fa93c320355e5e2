package dev.secupass.samples.cli.demo;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;

/**
 * A level-4 delivery to Paul, a partner who already has a SecuPass: no round trip, but Alice never
 * verified Paul's keys, so the default first-contact policy holds the delivery until Alice has
 * compared Paul's safety words with him on a call; then it is released at once, and every later
 * delivery to Paul is checked against the keys she confirmed. Subject, message and file names are
 * end-to-end encrypted too.
 */
final class PartnerStory {
  private final Cast cast;
  private final Narrator say;
  private final SampleFile offer = SampleFile.of("offer.pdf", 96 * 1024);

  PartnerStory(Cast cast) {
    this.cast = cast;
    this.say = cast.say;
  }

  void play() {
    SignedInUser alice = cast.alice.signedIn();
    SignedInUser paul = cast.paul.signedIn();
    say.chapter("Level 4 (top secret) to Paul, a partner who already has a SecuPass");
    cast.activate("paul", paul.user(), Cast.PAUL_SECUPASS);
    SentDelivery sent = send(alice);
    DeliveryId id = sent.id();
    cast.sendMail();
    confirm(alice, paul, sent);

    DeliverySummary line = cast.sdk.deliveries().inbox(paul, PageRequest.first(1)).items().get(0);
    say.party("paul", "his inbox: a delivery from " + cast.name(line.sender())
        + ", level " + line.level().number() + ", subject "
        + line.clearSubject().map(s -> "\"" + s + "\"").orElse("not shown: end-to-end encrypted"));
    say.party("storage operator", "sees who sent what to whom, when and how large; not the"
        + " subject, message, file names or contents");
    try (SecuPassSession session = cast.unlock(paul.user(), Cast.PAUL_SECUPASS);
        OpenedDelivery opened = cast.sdk.deliveries().open(paul, session, id)) {
      say.party("paul", "unlocks his SecuPass and opens it: \"" + opened.subject() + "\", \""
          + opened.message() + "\"");
      for (DeliveredFile file : opened.files()) {
        say.party("paul", "downloads " + file.name() + ": "
            + offer.compare(opened.read(file.id())));
      }
    }
    cast.sendMail();
  }

  private SentDelivery send(SignedInUser alice) {
    DeliveryDraft.Builder draft = DeliveryDraft.builder()
        .level(SecurityLevel.TOP_SECRET)
        .subject("Offer")
        .message("Our offer, valid until the end of the month.")
        .to(cast.paul.addressee());
    offer.addTo(draft);
    SentDelivery sent;
    try (SecuPassSession session = cast.unlock(alice.user(), Cast.ALICE_SECUPASS)) {
      sent = cast.sdk.deliveries().send(alice, session, draft.build());
    }
    cast.call(sent.id(), "the delivery \"Offer\"");
    say.party("alice", "sends \"Offer\" with " + offer.describe()
        + "; paul has a SecuPass, but alice never verified his keys, so nothing is wrapped to"
        + " them yet (" + sent.awaitingConfirmation().size() + " held for her confirmation)");
    return sent;
  }

  /** Alice and Paul compare safety words on a call; Alice confirms, which releases it. */
  private void confirm(SignedInUser alice, SignedInUser paul, SentDelivery sent) {
    FirstContactHold hold = sent.awaitingConfirmation().get(0);
    say.party("alice", "her screen shows paul's safety words: " + hold.presented());
    SafetyWords read;
    try (SecuPassSession session = cast.unlock(paul.user(), Cast.PAUL_SECUPASS)) {
      read = SafetyWords.of(session.fingerprint());
    }
    say.party("paul", "reads his safety words to alice on a call, from his own unlocked"
        + " SecuPass: " + read);
    try (SecuPassSession session = cast.unlock(alice.user(), Cast.ALICE_SECUPASS)) {
      GrantRun run = cast.sdk.grants().confirmFirstContact(session, hold.grant(), read);
      say.party("alice", (hold.presented().matches(read)
          ? "the same: nobody swapped paul's keys. " : "DIFFERENT: ")
          + "she confirms them; the SDK pins paul's keys and wraps the content key to them ("
          + run.fulfilled().size() + " released)");
    }
  }
}
