package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.KeyRecord;
import dev.secupass.tck.MutableClock;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A storage operator who changes what the database returns is caught: the SDK verifies manifests,
 * envelopes and pins and fails closed with a typed error, before any content is returned.
 */
class StorageOperatorTest {
  // Trust on first use, chosen explicitly: the subject is not the first-contact release policy.
  private final SdkFixture f = SdkFixture.trustingFirstUse();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  private DeliveryId send(SecuPassSession session, SecurityLevel level, String content) {
    return f.sdk.deliveries().send(alice, session, draft(level, content,
        Addressee.employee(bob.user(), "")).build()).id();
  }

  /** From now on, the store returns {@code id}'s record changed by {@code change}. */
  private void rewrite(DeliveryId id, UnaryOperator<DeliveryRecord> change) {
    f.storage.faults().<Optional<DeliveryRecord>>rewrite("deliveries.find",
        found -> found.map(r -> r.id().equals(id) ? change.apply(r) : r));
  }

  private static DeliveryRecord relabel(DeliveryRecord r, SecurityLevel level,
      byte[] linkTokenHash) {
    return new DeliveryRecord(r.id(), r.sender(), level, r.state(), r.createdAt(), r.expiresAt(),
        r.downloadLimit(), r.downloadCount(), r.details(), r.manifest(), linkTokenHash, r.files(),
        r.recipients());
  }

  private String lastOutcome(DeliveryId id) {
    var items = f.sdk.deliveries().auditTrail(alice, id, PageRequest.first(100)).items();
    return items.get(items.size() - 1).outcome();
  }

  @Test
  void swappedEnvelope_fromAnotherDelivery_isDetected() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      DeliveryId target = send(aliceSession, SecurityLevel.SECRET, "meant for this one");
      DeliveryId other = send(aliceSession, SecurityLevel.SECRET, "another");
      DeliveryEnvelope foreign = f.memory.deliveries()
          .findEnvelope(other, bob.user(), KeyVersion.FIRST).orElseThrow();
      f.memory.deliveries().putEnvelope(new DeliveryEnvelope(target, bob.user(),
          KeyVersion.FIRST, alice.user(), foreign.envelope(), f.clock.instant()));

      assertThatThrownBy(() -> f.read(bob, bobSession, target))
          .isInstanceOf(IntegrityException.class);
      assertThat(lastOutcome(target)).isEqualTo("integrity");
      assertThat(f.memory.deliveries().find(target).orElseThrow().downloadCount()).isZero();
    }
  }

  @Test
  void relabelledLevel4AsLevel3_isDetected() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      DeliveryId id = send(aliceSession, SecurityLevel.TOP_SECRET, "x");
      rewrite(id, r -> relabel(r, SecurityLevel.SECRET, null));

      assertThatThrownBy(() -> f.read(bob, bobSession, id))
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void relabelledLevel3AsLevel2_isDetected() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass")) {
      DeliveryId id = send(aliceSession, SecurityLevel.SECRET, "x");
      rewrite(id, r -> relabel(r, SecurityLevel.LOGIN, null));

      assertThatThrownBy(() -> f.sdk.deliveries().open(bob, id))
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void relabelledLevel2AsLevel1_withTheOperatorsOwnLink_isDetected() {
    DeliveryId id = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "x",
        Addressee.employee(bob.user(), "")).build()).id();
    LinkToken operators = LinkToken.generate(new SecureRandom());
    rewrite(id, r -> relabel(r, SecurityLevel.LINK, operators.hash()));

    assertThatThrownBy(() -> f.sdk.deliveries().openByLink(id, operators))
        .isInstanceOf(IntegrityException.class);
    assertThat(lastOutcome(id)).isEqualTo("integrity");
  }

  @Test
  void hostSealedManifestMovedToAnotherDelivery_isDetected() {
    DeliveryId id = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "x",
        Addressee.employee(bob.user(), "")).build()).id();
    DeliveryId other = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "y",
        Addressee.employee(bob.user(), "")).build()).id();
    byte[] foreign = f.memory.deliveries().find(other).orElseThrow().manifest();
    rewrite(id, r -> new DeliveryRecord(r.id(), r.sender(), r.level(), r.state(), r.createdAt(),
        r.expiresAt(), r.downloadLimit(), r.downloadCount(), r.details(), foreign,
        r.linkTokenHash(), r.files(), r.recipients()));

    assertThatThrownBy(() -> f.sdk.deliveries().open(bob, id))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void changedClearSubjectAtLevel3_isDetectedBySignedManifest() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      DeliveryId id = send(aliceSession, SecurityLevel.SECRET, "x");
      DeliveryId other = f.sdk.deliveries().send(alice, aliceSession, draft(SecurityLevel.SECRET,
          "y", Addressee.employee(bob.user(), "")).subject("Pay to this account").build()).id();
      byte[] forged = f.memory.deliveries().find(other).orElseThrow().details();
      rewrite(id, r -> new DeliveryRecord(r.id(), r.sender(), r.level(), r.state(),
          r.createdAt(), r.expiresAt(), r.downloadLimit(), r.downloadCount(), forged,
          r.manifest(), r.linkTokenHash(), r.files(), r.recipients()));

      assertThatThrownBy(() -> f.read(bob, bobSession, id))
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void tamperedBlob_failsTheReadBeforeAnyUnverifiedByte() throws Exception {
    DeliveryId id = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "exact bytes",
        Addressee.employee(bob.user(), "")).build()).id();
    var blob = f.memory.deliveries().find(id).orElseThrow().files().get(0).blob();
    byte[] stored;
    try (InputStream in = f.blobs.open(blob)) {
      stored = in.readAllBytes();
    }
    stored[stored.length - 5] ^= 1;
    f.blobs.delete(blob);
    try (var out = f.blobs.create(blob)) {
      out.write(stored);
      out.commit();
    }

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      assertThatThrownBy(() -> SdkFixture.firstFile(opened))
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void replacedRecipientKey_isRefusedBySendingAndByTheGrantQueue() {
    f.activate(alice, "alice pass").close();
    f.activate(bob, "bob pass").close();
    SecuPassSession aliceSession = f.unlock(alice, "alice pass");
    DeliveryId first = send(aliceSession, SecurityLevel.SECRET, "first");

    MemoryStorage attackers = new MemoryStorage(MutableClock.at(Instant.now()));
    try (SecuPass pass = SecuPass.of("attacker pass")) {
      TestKeys.builder(attackers.keys()).kdfPolicy(TestPolicies.FAST).build()
          .activate(bob.user(), pass).close();
      TestKeys.builder(attackers.keys()).kdfPolicy(TestPolicies.FAST).build()
          .reset(bob.user(), pass).close();
    }
    KeyRecord forged = attackers.keys().findActive(bob.user()).orElseThrow();
    KeyRecord real = f.memory.keys().findActive(bob.user()).orElseThrow();
    f.memory.keys().rotate(real, new KeyRecord(forged.user(), forged.version(), forged.state(),
        forged.publicKeys(), forged.encryptedPrivateKeys(), forged.kdf(), 0,
        forged.createdAt()));
    int outboxBefore = f.sdk.deliveries().outbox(alice, PageRequest.first(10)).items().size();

    assertThatThrownBy(() -> send(aliceSession, SecurityLevel.SECRET, "second"))
        .isInstanceOf(KeyChangedException.class);
    assertThat(f.sdk.deliveries().outbox(alice, PageRequest.first(10)).items())
        .hasSize(outboxBefore);

    f.memory.grants().enqueue(Grant.ready(GrantId.random(new SecureRandom()),
        GrantTarget.delivery(first), bob.user(), alice.user(), forged.version(),
        f.clock.instant()));
    GrantRun run = f.sdk.grants().fulfil(aliceSession);
    assertThat(run.fulfilled()).isEmpty();
    assertThat(run.keyChanges()).extracting(c -> c.recipient().user()).containsExactly(bob.user());
    assertThat(f.memory.deliveries().findEnvelope(first, bob.user(), forged.version())).isEmpty();
    aliceSession.close();
  }
}
