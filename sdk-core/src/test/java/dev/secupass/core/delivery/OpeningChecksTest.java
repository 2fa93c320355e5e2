package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static dev.secupass.core.testing.SdkFixture.firstFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.events.DeliveryDownloaded;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.sdk.Parts;
import dev.secupass.core.internal.sdk.Settings;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.core.testing.TrackingBlobStore;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.tck.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@code Opening} one at a time, each at its edge: a delivery is live until the
 * instant it expires and not after, nor once the expiry sweep or its sender ended it, by sign-in
 * and by link alike; an end-to-end key must come from the delivery's sender and be the key the
 * signed manifest commits to; the download limit counts others' downloads up to the limit.
 */
class OpeningChecksTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  private final MemoryStorage memory = new MemoryStorage(clock);
  private final Parts parts = new Parts(new Settings().storage(memory)
      .blobStore(new TrackingBlobStore()).atRestKey(TinkAtRestKey.generate()).clock(clock)
      .kdfPolicy(TestPolicies.FAST).sessionIdleTimeout(Duration.ofDays(30))
      // Trust on first use, chosen explicitly: the subject is what opening checks.
      .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()));
  private final Deliveries deliveries = parts.deliveries();
  private final SignedInUser alice = SignedInUser.employee(UserId.of("alice"));
  private final SignedInUser bob = SignedInUser.employee(UserId.of("bob"));
  private final SignedInUser carol = SignedInUser.employee(UserId.of("carol"));

  @AfterEach
  void close() {
    parts.close();
  }

  private SecuPassSession activate(SignedInUser user) {
    try (SecuPass pass = SecuPass.of(user.user().value() + " pass")) {
      return parts.secuPass().activate(user.user(), pass);
    }
  }

  private KeySession own(SecuPassSession session) {
    return parts.sessions().own(session);
  }

  private SentDelivery sendToBob(SecurityLevel level) {
    return deliveries.send(alice, draft(level, "content",
        Addressee.employee(bob.user(), "bob@corp.example")).build());
  }

  private String read(SignedInUser reader, DeliveryId id) {
    try (OpenedDelivery opened = deliveries.open(reader, id)) {
      return firstFile(opened);
    }
  }

  private Instant expiry(DeliveryId id) {
    return memory.deliveries().find(id).orElseThrow().expiresAt();
  }

  @Test
  void aDeliveryOpensUntilTheInstantItExpires_andNotAtIt() {
    DeliveryId id = sendToBob(SecurityLevel.LOGIN).id();
    clock.set(expiry(id).minusNanos(1));
    assertThat(read(bob, id)).isEqualTo("content");

    clock.set(expiry(id));
    assertThatThrownBy(() -> deliveries.open(bob, id))
        .isInstanceOf(DeliveryExpiredException.class)
        .hasMessageStartingWith("this delivery expired");
  }

  @Test
  void aLinkOpensUntilTheInstantItExpires_andNotAtIt() {
    SentDelivery sent = sendToBob(SecurityLevel.LINK);
    LinkToken token = sent.linkToken().orElseThrow();
    clock.set(expiry(sent.id()).minusNanos(1));
    try (OpenedDelivery opened = deliveries.openByLink(sent.id(), token)) {
      assertThat(firstFile(opened)).isEqualTo("content");
    }

    clock.set(expiry(sent.id()).plus(Duration.ofHours(2)));
    assertThatThrownBy(() -> deliveries.openByLink(sent.id(), token))
        .isInstanceOf(DeliveryExpiredException.class)
        .hasMessageStartingWith("this delivery expired 2 hours");
  }

  @Test
  void aDeliveryTheSweepMarkedExpired_doesNotOpenBeforeItsTime() {
    SentDelivery sent = sendToBob(SecurityLevel.LINK);
    memory.deliveries().updateState(sent.id(), DeliveryState.ACTIVE, DeliveryState.EXPIRED);

    assertThatThrownBy(() -> deliveries.open(bob, sent.id()))
        .isInstanceOf(DeliveryExpiredException.class);
    assertThatThrownBy(() -> deliveries.openByLink(sent.id(), sent.linkToken().orElseThrow()))
        .isInstanceOf(DeliveryExpiredException.class);
  }

  @Test
  void aWithdrawnDelivery_opensNeitherBySignInNorByLink() {
    SentDelivery sent = sendToBob(SecurityLevel.LINK);
    deliveries.withdraw(alice, sent.id());

    assertThatThrownBy(() -> deliveries.open(bob, sent.id()))
        .isInstanceOf(DeliveryWithdrawnException.class)
        .hasMessage("the sender withdrew this delivery");
    assertThatThrownBy(() -> deliveries.openByLink(sent.id(), sent.linkToken().orElseThrow()))
        .isInstanceOf(DeliveryWithdrawnException.class);
  }

  @Test
  void theDownloadLimitCountsOthersUpToTheLimit() {
    DeliveryId id = deliveries.send(alice, draft(SecurityLevel.LOGIN, "content",
        Addressee.employee(bob.user(), ""), Addressee.employee(carol.user(), ""))
        .downloadLimit(2).build()).id();
    read(bob, id);
    assertThat(read(carol, id)).isEqualTo("content");
    assertThat(memory.deliveries().find(id).orElseThrow().downloadCount()).isEqualTo(2);
    assertThat(read(alice, id)).isEqualTo("content");
  }

  @Test
  void aLevel3RecipientWithoutSecuPass_isAskedToMakeOne() {
    try (SecuPassSession aliceSession = activate(alice)) {
      DeliveryId id = deliveries.send(alice, aliceSession, draft(SecurityLevel.SECRET, "x",
          Addressee.employee(bob.user(), "bob@corp.example")).build()).id();

      assertThatThrownBy(() -> deliveries.open(bob, id))
          .isInstanceOf(SecuPassRequiredException.class);
    }
  }

  @Test
  void aSessionOfAnotherUser_isRefused() {
    try (SecuPassSession aliceSession = activate(alice)) {
      DeliveryId id = sendToBob(SecurityLevel.LOGIN).id();

      assertThatThrownBy(() -> deliveries.open(bob, aliceSession, id))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aLevel2DeliveryOpensWithASessionToo() {
    try (SecuPassSession bobSession = activate(bob)) {
      DeliveryId id = sendToBob(SecurityLevel.LOGIN).id();
      try (OpenedDelivery opened = deliveries.open(bob, bobSession, id)) {
        assertThat(firstFile(opened)).isEqualTo("content");
      }
    }
  }

  /**
   * A sender who signs a manifest for one content key and wraps another for one recipient (so
   * that recipient alone would read other files than the rest) is caught when that recipient
   * opens: the wrapped key does not match the manifest's commitment.
   */
  @Test
  void anEnvelopeWithAnotherKeyThanTheManifestCommitsTo_isRefusedAtOpening() {
    try (SecuPassSession aliceSession = activate(alice);
        SecuPassSession bobSession = activate(bob)) {
      DeliveryId id = deliveries.send(alice, aliceSession, draft(SecurityLevel.SECRET, "x",
          Addressee.employee(bob.user(), "")).build()).id();
      try (SymmetricKey other = SymmetricKey.generate(new SecureRandom())) {
        byte[] envelope = own(aliceSession).sealEnvelope(other, own(bobSession).publicKeys(),
            EnvelopeContext.delivery(id, SecurityLevel.SECRET));
        memory.deliveries().putEnvelope(new DeliveryEnvelope(id, bob.user(), KeyVersion.FIRST,
            alice.user(), envelope, clock.instant()));
      }

      assertThatThrownBy(() -> deliveries.open(bob, bobSession, id))
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining("does not match the manifest's key commitment");
    }
  }

  /**
   * A co-recipient who holds the content key (Carol opened it) wraps it for Bob under her own
   * keys: the key is right, but the envelope is not the sender's, and it is refused.
   */
  @Test
  void anEnvelopeWrappedByACoRecipient_isRefused_evenWithTheRightKey() {
    try (SecuPassSession aliceSession = activate(alice);
        SecuPassSession bobSession = activate(bob);
        SecuPassSession carolSession = activate(carol)) {
      DeliveryId id = deliveries.send(alice, aliceSession, draft(SecurityLevel.SECRET, "x",
          Addressee.employee(bob.user(), ""), Addressee.employee(carol.user(), "")).build()).id();
      byte[] carols = memory.deliveries().findEnvelope(id, carol.user(), KeyVersion.FIRST)
          .orElseThrow().envelope();
      try (SymmetricKey key = own(carolSession).openEnvelope(carols,
          own(aliceSession).publicKeys(), EnvelopeContext.delivery(id, SecurityLevel.SECRET))) {
        byte[] envelope = own(carolSession).sealEnvelope(key, own(bobSession).publicKeys(),
            EnvelopeContext.delivery(id, SecurityLevel.SECRET));
        memory.deliveries().putEnvelope(new DeliveryEnvelope(id, bob.user(), KeyVersion.FIRST,
            carol.user(), envelope, clock.instant()));
      }

      assertThatThrownBy(() -> deliveries.open(bob, bobSession, id))
          .isInstanceOf(IntegrityException.class)
          .hasMessage("the key of this delivery was not wrapped by its sender");
    }
  }

  private List<DeliveryDownloaded> downloads() {
    return parts.events().forUser(alice.user(), PageRequest.first(100)).items().stream()
        .filter(DeliveryDownloaded.class::isInstance).map(DeliveryDownloaded.class::cast)
        .toList();
  }

  /** Each opening by link is a reader of its own: two link holders count as two downloads. */
  @Test
  void everyOpeningByLinkCountsAsAReaderOfItsOwn() {
    SentDelivery sent = deliveries.send(alice, draft(SecurityLevel.LINK, "content",
        Addressee.employee(bob.user(), "")).downloadLimit(2).build());
    LinkToken token = sent.linkToken().orElseThrow();
    for (int i = 0; i < 2; i++) {
      try (OpenedDelivery opened = deliveries.openByLink(sent.id(), token)) {
        assertThat(firstFile(opened)).isEqualTo("content");
      }
    }

    assertThat(memory.deliveries().find(sent.id()).orElseThrow().downloadCount()).isEqualTo(2);
    assertThatThrownBy(() -> deliveries.openByLink(sent.id(), token))
        .isInstanceOf(DownloadLimitReachedException.class)
        .hasMessage("this delivery was downloaded as often as its sender allowed (2 times)");
    assertThat(downloads()).hasSize(2)
        .allSatisfy(event -> assertThat(event.knownDownloader()).isEmpty());
  }

  @Test
  void theAuditTrailNamesTheSignedInReader_andNoOneForALink() {
    SentDelivery sent = sendToBob(SecurityLevel.LINK);
    read(bob, sent.id());
    deliveries.openByLink(sent.id(), sent.linkToken().orElseThrow()).close();

    assertThat(deliveries.auditTrail(alice, sent.id(), PageRequest.first(100)).items().stream()
        .filter(entry -> entry.action().equals("delivery.open"))
        .map(entry -> entry.actor() == null ? "link" : entry.actor().user().value()))
        .containsExactly("bob", "link");
  }

  @Test
  void namesOfFilesAreReadBack_andShownInDownloadEventsUpToLevel3() {
    try (SecuPassSession aliceSession = activate(alice);
        SecuPassSession bobSession = activate(bob)) {
      for (SecurityLevel level : List.of(SecurityLevel.LOGIN, SecurityLevel.SECRET,
          SecurityLevel.TOP_SECRET)) {
        DeliveryId id = deliveries.send(alice, aliceSession, draft(level, "content",
            Addressee.employee(bob.user(), "")).build()).id();
        try (OpenedDelivery opened = deliveries.open(bob, bobSession, id)) {
          assertThat(opened.files()).extracting(DeliveredFile::name).containsExactly("report.txt");
          assertThat(firstFile(opened)).isEqualTo("content");
        }
      }
    }

    assertThat(downloads()).extracting(event -> event.clearFileName().orElse("(sealed)"))
        .containsExactlyInAnyOrder("report.txt", "report.txt", "(sealed)");
  }
}
