package dev.secupass.samples.cli.demo;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.keys.SecuPassSession;

/**
 * A level-4 delivery to Paul, a partner who already has a SecuPass: no round trip; subject,
 * message and file names are end-to-end encrypted too. Then Alice and Paul compare fingerprints.
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
    DeliveryId id = send(alice);
    cast.sendMail();

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
    compareFingerprints(alice, paul);
  }

  private DeliveryId send(SignedInUser alice) {
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
        + "; paul has a SecuPass, so the key is wrapped to him at once ("
        + (sent.awaitingSecuPass().isEmpty() ? "nobody waits" : "someone waits") + ")");
    return sent.id();
  }

  private void compareFingerprints(SignedInUser alice, SignedInUser paul) {
    Fingerprint own = cast.sdk.secuPass().fingerprint(paul.user()).orElseThrow();
    Fingerprint pinned;
    try (SecuPassSession session = cast.unlock(alice.user(), Cast.ALICE_SECUPASS)) {
      pinned = cast.sdk.secuPass().pinnedFingerprint(session, paul.user()).orElseThrow();
    }
    say.party("paul", "reads his fingerprint to alice on a call: " + own);
    say.party("alice", "the key she pinned for paul when she first sent to him: " + pinned + " ("
        + (own.equals(pinned) ? "the same: nobody swapped paul's key" : "DIFFERENT: stop")
        + ")");
  }
}
