package dev.secupass.core;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.DeliveryRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At-rest key rotation through the SDK: after a rotation new deliveries are sealed under the new
 * key and old ones still open; the re-seal job moves the old ones over in batches, resumes from
 * its progress in a restarted SDK, and afterwards the old key can leave the ring.
 */
class ResealTest {
  private final AtRestKey oldKey = TinkAtRestKey.generate();
  private final AtRestKey newKey = TinkAtRestKey.generate();
  private final SdkFixture f = new SdkFixture(b -> SdkFixture.TRUST_ON_FIRST_USE.apply(b)
      .atRestKey(AtRestKeyRing.builder().primary("2026-06", oldKey).build()));
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final Map<DeliveryId, LinkToken> links = new LinkedHashMap<>();
  private final List<DeliveryId> logins = new ArrayList<>();

  private SecuPassSdk sdkWith(AtRestKey key) {
    return SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs).atRestKey(key)
        .clock(f.clock).kdfPolicy(TestPolicies.FAST)
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
  }

  private void sendLevels1And2(SecuPassSdk sdk, int each) {
    for (int i = 0; i < each; i++) {
      SentDelivery link = sdk.deliveries().send(alice, draft(SecurityLevel.LINK, "link " + i,
          Addressee.employee(bob.user(), "")).build());
      links.put(link.id(), link.linkToken().orElseThrow());
      logins.add(sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "login " + i,
          Addressee.employee(bob.user(), "")).build()).id());
    }
  }

  private void assertAllOpen(SecuPassSdk sdk) {
    links.forEach((id, token) -> {
      try (OpenedDelivery opened = sdk.deliveries().openByLink(id, token)) {
        assertThat(SdkFixture.firstFile(opened)).startsWith("link ");
      }
    });
    for (DeliveryId id : logins) {
      try (OpenedDelivery opened = sdk.deliveries().open(bob, id)) {
        assertThat(SdkFixture.firstFile(opened)).startsWith("login ");
      }
    }
  }

  private String keyOf(AtRestKeyRing ring, DeliveryId id) {
    byte[] manifest = f.memory.deliveries().find(id).orElseThrow().manifest();
    byte[] sealed = java.util.Arrays.copyOfRange(manifest, 6, manifest.length);
    return ring.sealedUnder(sealed).orElse("(unnamed)");
  }

  @Test
  void rotation_newUnderNewKey_oldStillOpens_resealMovesAll_thenOldKeyLeaves() {
    sendLevels1And2(f.sdk, 3);
    List<DeliveryId> before = new ArrayList<>(links.keySet());
    before.addAll(logins);
    AtRestKeyRing rotated = AtRestKeyRing.builder()
        .primary("2026-12", newKey).previous("2026-06", oldKey).build();

    SecuPassSdk afterRotation = sdkWith(rotated);
    sendLevels1And2(afterRotation, 1);
    assertAllOpen(afterRotation);
    assertThat(before).allMatch(id -> keyOf(rotated, id).equals("2026-06"));
    assertThat(logins.get(logins.size() - 1)).matches(id -> keyOf(rotated, id).equals("2026-12"));

    ResealProgress progress = afterRotation.reseal(ResealProgress.START, 3);
    assertThat(progress.done()).isFalse();
    assertThat(progress.examined()).isEqualTo(3);
    afterRotation.close();

    // A restarted host resumes from the progress it kept.
    ResealProgress kept = new ResealProgress(progress.cursor(), progress.examined(),
        progress.resealed(), progress.done());
    try (SecuPassSdk restarted = sdkWith(rotated)) {
      ResealProgress resumed = kept;
      while (!resumed.done()) {
        resumed = restarted.reseal(resumed, 3);
      }
      assertThat(resumed.examined()).isEqualTo(8);
      assertThat(resumed.resealed()).isEqualTo(6);
      assertThat(restarted.reseal(ResealProgress.START, 100).resealed())
          .as("a second run finds nothing left to move").isZero();
    }

    try (SecuPassSdk newKeyOnly = sdkWith(
        AtRestKeyRing.builder().primary("2026-12", newKey).build())) {
      assertAllOpen(newKeyOnly);
    }
  }

  @Test
  void reseal_leavesLevels3And4Alone() {
    try (SecuPassSession aliceSession = f.activate(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      DeliveryId secret = f.sdk.deliveries().send(alice, aliceSession, draft(
          SecurityLevel.SECRET, "e2e", Addressee.employee(bob.user(), "")).build()).id();
      DeliveryRecord stored = f.memory.deliveries().find(secret).orElseThrow();

      try (SecuPassSdk rotated = sdkWith(AtRestKeyRing.builder()
          .primary("2026-12", newKey).previous("2026-06", oldKey).build())) {
        ResealProgress done = rotated.reseal(ResealProgress.START, 10);

        assertThat(done.examined()).isZero();
        assertThat(f.memory.deliveries().find(secret)).contains(stored);
        assertThat(f.read(bob, bobSession, secret)).isEqualTo("e2e");
      }
    }
  }

  @Test
  void reseal_manifestSwappedByTheStorageOperator_isIntegrityFailure_andMovesNothingWrong() {
    sendLevels1And2(f.sdk, 1);
    DeliveryId first = logins.get(0);
    DeliveryId other = links.keySet().iterator().next();
    byte[] foreign = f.memory.deliveries().find(other).orElseThrow().manifest();
    byte[] own = f.memory.deliveries().find(first).orElseThrow().manifest();
    f.memory.deliveries().replaceManifest(first, own, foreign);

    try (SecuPassSdk rotated = sdkWith(AtRestKeyRing.builder()
        .primary("2026-12", newKey).previous("2026-06", oldKey).build())) {
      assertThatThrownBy(() -> {
        ResealProgress progress = ResealProgress.START;
        while (!progress.done()) {
          progress = rotated.reseal(progress, 1);
        }
      }).isInstanceOf(IntegrityException.class);
      assertThat(f.memory.deliveries().find(first).orElseThrow().manifest())
          .as("the swapped manifest is not re-sealed under the new key for the wrong delivery")
          .isEqualTo(foreign);
    }
  }

  @Test
  void reseal_singleKey_throwsIllegalState() {
    assertThatThrownBy(() -> sdkWith(TinkAtRestKey.generate()).reseal(ResealProgress.START, 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AtRestKeyRing");
  }

  @Test
  void beforeTheRing_bareKeyData_movesToTheRing() {
    AtRestKey bare = TinkAtRestKey.generate();
    SecuPassSdk plain = sdkWith(bare);
    sendLevels1And2(plain, 2);
    plain.close();
    AtRestKeyRing ring = AtRestKeyRing.builder().primary("2026-12", newKey).unnamed(bare).build();

    try (SecuPassSdk withRing = sdkWith(ring)) {
      assertAllOpen(withRing);
      ResealProgress progress = withRing.reseal(ResealProgress.START, 100);
      assertThat(progress.resealed()).isEqualTo(4);
      assertThat(progress.done()).isTrue();
    }
    try (SecuPassSdk newKeyOnly = sdkWith(
        AtRestKeyRing.builder().primary("2026-12", newKey).build())) {
      assertAllOpen(newKeyOnly);
    }
  }
}
