package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.RecipientStatus.State;
import dev.secupass.core.events.DeliveryDownloaded;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.GrantState;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each refusal has its own typed error and is recorded in the audit trail. */
class DeliveryRefusalsTest {
  // Trust on first use, chosen explicitly: the subject is not the first-contact release policy.
  private final SdkFixture f = SdkFixture.trustingFirstUse();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  private DeliveryId sendToBob(SecurityLevel level, int downloadLimit) {
    return f.sdk.deliveries().send(alice, draft(level, "content",
        Addressee.employee(bob.user(), "")).downloadLimit(downloadLimit).build()).id();
  }

  private List<String> outcomes(DeliveryId id) {
    return f.sdk.deliveries().auditTrail(alice, id, PageRequest.first(100)).items().stream()
        .filter(entry -> entry.action().equals("delivery.open"))
        .map(AuditRecord::outcome).toList();
  }

  @Test
  void open_afterExpiry_throwsDeliveryExpired() {
    DeliveryId id = sendToBob(SecurityLevel.LOGIN, 0);
    f.clock.advance(Duration.ofDays(90));

    assertThatThrownBy(() -> f.sdk.deliveries().open(bob, id))
        .isInstanceOf(DeliveryExpiredException.class);
    assertThat(outcomes(id)).containsExactly("expired");
  }

  @Test
  void open_beyondTheDownloadLimit_throwsDownloadLimitReached_andTheSenderDoesNotCount() {
    SignedInUser carol = SdkFixture.employee("carol");
    DeliveryId id = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "content",
        Addressee.employee(bob.user(), "bob@corp.example"), Addressee.employee(carol.user(), ""))
        .downloadLimit(2).build()).id();
    readAll(bob, id);
    readAll(alice, id);
    readAll(carol, id);

    assertThatThrownBy(() -> f.sdk.deliveries().open(bob, id))
        .isInstanceOf(DownloadLimitReachedException.class);
    assertThat(f.memory.deliveries().find(id).orElseThrow().downloadCount()).isEqualTo(2);
    assertThat(outcomes(id)).containsExactly("ok", "ok", "ok", "download_limit");
    assertThat(f.events(alice.user(), DeliveryDownloaded.class)).hasSize(2)
        .extracting(event -> event.knownDownloader().orElseThrow().displayName())
        .containsExactlyInAnyOrder("bob@corp.example", "carol");
  }

  private void readAll(SignedInUser reader, DeliveryId id) {
    try (OpenedDelivery opened = f.sdk.deliveries().open(reader, id)) {
      SdkFixture.firstFile(opened);
    }
  }

  @Test
  void openByLink_withAnotherToken_throwsWrongLinkToken() {
    DeliveryId id = sendToBob(SecurityLevel.LINK, 0);

    assertThatThrownBy(() -> f.sdk.deliveries().openByLink(id,
        LinkToken.generate(new SecureRandom()))).isInstanceOf(WrongLinkTokenException.class);
    assertThat(outcomes(id)).containsExactly("wrong_link_token");
    assertThatThrownBy(() -> LinkToken.parse("too-short"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_byAnotherUser_throwsNotARecipient() {
    f.activate(alice, "alice pass").close();
    SignedInUser mallory = SdkFixture.employee("mallory");
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession malSession = f.activate(mallory, "mallory pass")) {
      DeliveryId id = f.sdk.deliveries().send(alice, aliceSession, draft(SecurityLevel.SECRET,
          "x", Addressee.employee(bob.user(), "")).build()).id();

      assertThatThrownBy(() -> f.sdk.deliveries().open(mallory, malSession, id))
          .isInstanceOf(NotARecipientException.class);
      assertThat(outcomes(id)).containsExactly("not_recipient");
    }
  }

  @Test
  void open_atLevel3WithoutSession_throwsUnlockRequired() {
    f.activate(alice, "alice pass").close();
    f.activate(bob, "bob pass").close();
    DeliveryId id;
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      id = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "x",
          Addressee.employee(bob.user(), "")).build()).id();
    }
    assertThatThrownBy(() -> f.sdk.deliveries().open(bob, id))
        .isInstanceOf(UnlockRequiredException.class);
    assertThat(outcomes(id)).containsExactly("unlock_required");
  }

  @Test
  void withdraw_stopsOpening_deletesFiles_cancelsGrants_andIsIdempotent() {
    f.activate(alice, "alice pass").close();
    DeliveryId id;
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      id = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "x",
          Addressee.employee(bob.user(), "")).build()).id();
    }
    assertThatThrownBy(() -> f.sdk.deliveries().withdraw(bob, id))
        .isInstanceOf(NotARecipientException.class);
    assertThatThrownBy(() -> f.sdk.deliveries().withdraw(alice, id))
        .as("level 3: the withdrawal is signed, so it needs the sender's session")
        .isInstanceOf(UnlockRequiredException.class);

    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      f.sdk.deliveries().withdraw(alice, session, id);
    }
    f.sdk.deliveries().withdraw(alice, id);

    assertThat(f.blobs.stat(f.memory.deliveries().find(id).orElseThrow().files().get(0).blob()))
        .isEmpty();
    assertThat(f.memory.deliveries().envelopes(id)).as("the sender's own envelope too").isEmpty();
    assertThat(f.memory.grants().forRecipient(bob.user())).extracting(g -> g.state())
        .containsExactly(GrantState.CANCELLED);
    try (SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      assertThatThrownBy(() -> f.sdk.deliveries().open(bob, bobSession, id))
          .isInstanceOf(DeliveryWithdrawnException.class);
    }
    assertThat(outcomes(id)).containsExactly("withdrawn");
  }

  @Test
  void open_unknownDelivery_throwsNotFound() {
    assertThatThrownBy(() -> f.sdk.deliveries().open(bob, DeliveryId.of("nope")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void recipientStatus_tellsWhoCanOpenAndWhatOthersWaitFor() {
    SignedInUser carol = SdkFixture.employee("carol");
    SignedInUser dave = SdkFixture.employee("dave");
    f.activate(alice, "alice pass").close();
    f.activate(carol, "carol pass").close();
    DeliveryId id;
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      id = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "x",
          Addressee.employee(bob.user(), ""), Addressee.employee(carol.user(), ""),
          Addressee.employee(dave.user(), "")).build()).id();
    }
    f.activate(dave, "dave pass").close();

    assertThat(f.sdk.deliveries().recipientStatus(alice, id))
        .extracting(s -> s.recipient().user().value(), RecipientStatus::state)
        .containsExactly(
            tuple("bob", State.AWAITING_SECUPASS),
            tuple("carol", State.CAN_OPEN),
            tuple("dave", State.AWAITING_GRANT));
    assertThatThrownBy(() -> f.sdk.deliveries().recipientStatus(bob, id))
        .isInstanceOf(NotARecipientException.class);
  }
}
