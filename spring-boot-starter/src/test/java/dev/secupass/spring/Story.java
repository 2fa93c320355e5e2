package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deliveries through an SDK the starter configured: a level-3 delivery between two employees with
 * SecuPasses (end-to-end keys, the blob store) and a level-1 link (the at-rest key).
 */
final class Story {
  private Story() {}

  /** Plays both deliveries with fresh user ids; returns the file bytes sent. */
  static byte[] play(SecuPassSdk sdk, String run) {
    UserId alice = UserId.of("alice-" + run);
    UserId bob = UserId.of("bob-" + run);
    byte[] contract = new byte[200_000];
    new Random(run.hashCode()).nextBytes(contract);
    try (SecuPass pass = SecuPass.of("alice's long SecuPass " + run);
        SecuPassSession session = sdk.secuPass().activate(alice, pass)) {
      SafetyWords bobReads;
      try (SecuPass bobs = SecuPass.of("bob's long SecuPass " + run);
          SecuPassSession bobSession = sdk.secuPass().activate(bob, bobs)) {
        bobReads = SafetyWords.of(bobSession.fingerprint());
      }
      SentDelivery secret = sdk.deliveries().send(SignedInUser.employee(alice), session,
          DeliveryDraft.builder().level(SecurityLevel.SECRET).subject("Contract")
              .message("Please sign.").to(Addressee.employee(bob, "bob@example.com"))
              .file("contract.pdf", new ByteArrayInputStream(contract)).build());
      // The default first-contact policy: Alice never verified Bob's keys, so nothing is wrapped
      // to them until she confirms the safety words Bob reads to her.
      FirstContactHold hold = secret.awaitingConfirmation().get(0);
      assertThat(hold.presented()).isEqualTo(bobReads);
      GrantRun confirmed = sdk.grants().confirmFirstContact(session, hold.grant(), bobReads);
      if (confirmed.fulfilled().isEmpty()) {
        // The starter's grant poller had the grant claimed at that moment; Bob's keys are
        // pinned now, so the next run (its or this one) releases it.
        sdk.grants().fulfil(session);
      }
      try (SecuPass bobs = SecuPass.of("bob's long SecuPass " + run);
          SecuPassSession bobSession = sdk.secuPass().unlock(bob, bobs);
          OpenedDelivery opened = sdk.deliveries().open(SignedInUser.employee(bob), bobSession,
              secret.id())) {
        assertThat(opened.subject()).isEqualTo("Contract");
        DeliveredFile file = opened.files().get(0);
        assertThat(readAll(opened.read(file.id()))).isEqualTo(contract);
      }

      SentDelivery link = sdk.deliveries().send(SignedInUser.employee(alice), session,
          DeliveryDraft.builder().level(SecurityLevel.LINK).subject("Menu")
              .message("Lunch at noon.").to(Addressee.guest("guest-" + run + "@example.org"))
              .file("menu.txt", new ByteArrayInputStream("soup".getBytes(StandardCharsets.UTF_8)))
              .build());
      try (OpenedDelivery opened = sdk.deliveries().openByLink(link.id(),
          link.linkToken().orElseThrow())) {
        assertThat(opened.message()).isEqualTo("Lunch at noon.");
        assertThat(readAll(opened.read(opened.files().get(0).id())))
            .isEqualTo("soup".getBytes(StandardCharsets.UTF_8));
      }
    }
    return contract;
  }

  static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
