package dev.secupass.samples.cli.demo;

import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;

/** A level-1 delivery: the link is the capability; no sign-in, no SecuPass. */
final class LinkStory {
  private final Cast cast;
  private final Narrator say;
  private final SampleFile brochure = SampleFile.of("brochure.pdf", 32 * 1024);

  LinkStory(Cast cast) {
    this.cast = cast;
    this.say = cast.say;
  }

  void play() {
    SignedInUser alice = cast.alice.signedIn();
    say.chapter("A level-1 link: whoever holds it can download");
    DeliveryDraft.Builder draft = DeliveryDraft.builder()
        .level(SecurityLevel.LINK)
        .subject("Brochure")
        .to(Addressee.guest(Cast.GINA_ADDRESS))
        .downloadLimit(5);
    brochure.addTo(draft);
    SentDelivery sent = cast.sdk.deliveries().send(alice, draft.build());
    cast.call(sent.id(), "the delivery \"Brochure\"");
    say.party("alice", "sends \"Brochure\" with " + brochure.describe() + " at level 1, at most 5"
        + " downloads: no SecuPass needed; the file is encrypted at rest under the host's key");
    cast.sendMail();
    try (OpenedDelivery opened = cast.sdk.deliveries().openByLink(sent.id(),
        sent.linkToken().orElseThrow())) {
      for (DeliveredFile file : opened.files()) {
        say.party("anyone with the link", "opens it without signing in and downloads "
            + file.name() + ": " + brochure.compare(opened.read(file.id())));
      }
    }
    cast.sendMail();
  }
}
