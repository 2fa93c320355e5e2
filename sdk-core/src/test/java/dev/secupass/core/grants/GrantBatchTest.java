package dev.secupass.core.grants;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.KeyRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Grants claimed together are fulfilled in one transaction, and that transaction completes each
 * of them: none stays ready to be fulfilled a second time. The batch reads its rows together, one
 * batch read per kind, and keeps every check: a tampered delivery fails only its own grants, and
 * a storage whose batch read answers one recipient with another's keys is refused (the grants
 * are then fulfilled one by one, each to its own recipient).
 */
class GrantBatchTest {
  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");

  private Grant only(SignedInUser recipient) {
    List<Grant> grants = f.memory.grants().forRecipient(recipient.user());
    assertThat(grants).hasSize(1);
    return grants.get(0);
  }

  /** Alice, activated, sends {@code content} at level 3 to {@code to}. */
  private DeliveryId aliceSends(String content, SignedInUser... to) {
    Addressee[] addressees = new Addressee[to.length];
    for (int i = 0; i < to.length; i++) {
      addressees[i] = Addressee.employee(to[i].user(), "");
    }
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      return f.sdk.deliveries().send(alice, session,
          draft(SecurityLevel.SECRET, content, addressees).build()).id();
    }
  }

  @Test
  void aBatchOfReadyGrants_isFulfilledAndCompletedOnce() {
    f.activate(alice, "alice pass").close();
    DeliveryId id = aliceSends("payload", bob, carol);
    f.activate(bob, "bob pass").close();
    f.activate(carol, "carol pass").close();
    assertThat(List.of(only(bob).state(), only(carol).state()))
        .containsOnly(GrantState.READY);
    // Alice unlocks on an SDK whose sessions fulfil only when asked, so both are claimed at once.
    SecuPassSdk asking = SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs)
        .atRestKey(f.atRestKey).clock(f.clock).kdfPolicy(TestPolicies.FAST)
        .grantExecutor(task -> { })
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession online = asking.secuPass().unlock(alice.user(), pass)) {
      assertThat(online.user()).isEqualTo(alice.user());
      GrantRun run = asking.grants().pollOpenSessions();

      assertThat(run.fulfilled()).containsExactlyInAnyOrder(only(bob).id(), only(carol).id());
      assertThat(run.failed()).isEmpty();
      assertThat(List.of(only(bob).state(), only(carol).state())).containsOnly(GrantState.DONE);
      assertThat(asking.grants().pollOpenSessions().fulfilled()).isEmpty();
      assertThat(f.memory.deliveries().envelopes(id)).extracting(e -> e.recipient())
          .contains(bob.user(), carol.user());
    }
    try (SecuPassSession bobSession = f.unlock(bob, "bob pass")) {
      assertThat(f.read(bob, bobSession, id)).isEqualTo("payload");
    }
  }

  /** Alice's SDK whose sessions fulfil only when asked, so a poll claims every grant at once. */
  private SecuPassSdk asking() {
    return SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs)
        .atRestKey(f.atRestKey).clock(f.clock).kdfPolicy(TestPolicies.FAST)
        .grantExecutor(task -> { })
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
  }

  private final List<SignedInUser> firstFour = List.of(bob, carol,
      SdkFixture.employee("dave"), SdkFixture.employee("erin"));
  private final SignedInUser frank = SdkFixture.employee("frank");

  /** Alice sends one delivery to bob, carol and dave, one to erin and frank; all activate. */
  private List<DeliveryId> twoDeliveriesReady() {
    f.activate(alice, "alice pass").close();
    List<DeliveryId> ids = new ArrayList<>();
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      ids.add(f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "first",
          Addressee.employee(bob.user(), ""), Addressee.employee(carol.user(), ""),
          Addressee.employee(firstFour.get(2).user(), "")).build()).id());
      ids.add(f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "second",
          Addressee.employee(firstFour.get(3).user(), ""),
          Addressee.employee(frank.user(), "")).build()).id());
    }
    for (SignedInUser recipient : recipients()) {
      f.activate(recipient, recipient.user().value() + " pass").close();
    }
    return ids;
  }

  private List<SignedInUser> recipients() {
    List<SignedInUser> all = new ArrayList<>(firstFour);
    all.add(frank);
    return all;
  }

  private void eachReads(List<DeliveryId> ids) {
    for (SignedInUser recipient : recipients()) {
      DeliveryId id = recipient.equals(firstFour.get(3)) || recipient.equals(frank) ? ids.get(1)
          : ids.get(0);
      try (SecuPassSession session = f.unlock(recipient, recipient.user().value() + " pass")) {
        assertThat(f.read(recipient, session, id))
            .isEqualTo(id.equals(ids.get(0)) ? "first" : "second");
      }
    }
  }

  @Test
  void aBatchOverTwoDeliveries_readsEachKindOfRowOnceForAllItsGrants() {
    List<DeliveryId> ids = twoDeliveriesReady();
    SecuPassSdk asking = asking();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession online = asking.secuPass().unlock(alice.user(), pass)) {
      assertThat(online.user()).isEqualTo(alice.user());
      List<String> single = List.of("deliveries.find", "deliveries.findEnvelope",
          "keys.findActive", "keys.findPin", "keys.savePin", "guests.find",
          "guests.invitations", "keyLog.leavesOf");
      List<String> batch = List.of("deliveries.findAll", "deliveries.findEnvelopes",
          "keys.findActiveAll", "keys.findPins", "guests.findAll", "guests.invitationsOf",
          "keyLog.leavesOfAll", "keyLog.nodes", "keys.savePins");
      Map<String, Integer> before = new HashMap<>();
      concat(single, batch).forEach(m -> before.put(m, f.storage.faults().calls(m)));

      GrantRun run = asking.grants().pollOpenSessions();

      assertThat(run.fulfilled()).hasSize(5);
      assertThat(run.failed()).isEmpty();
      for (String method : single) {
        assertThat(f.storage.faults().calls(method) - before.get(method))
            .as("single reads of %s", method).isZero();
      }
      for (String method : batch) {
        assertThat(f.storage.faults().calls(method) - before.get(method))
            .as("batch calls of %s", method).isEqualTo(1);
      }
    }
    for (SignedInUser recipient : recipients()) {
      assertThat(f.memory.keys().findPin(alice.user(), recipient.user()))
          .as("alice's pin of %s, saved with the batch", recipient.user()).isPresent();
    }
    eachReads(ids);
  }

  @Test
  void anOperatorWhoTampersOneDeliveryInABatch_failsItsGrantsAndNoOther() {
    List<DeliveryId> ids = twoDeliveriesReady();
    DeliveryId tampered = ids.get(1);
    // The operator flips the last byte of the stored manifest (its signature): both the single
    // and the batch read return it, as the database would.
    UnaryOperator<DeliveryRecord> flip = record -> {
      if (!record.id().equals(tampered)) {
        return record;
      }
      byte[] manifest = record.manifest();
      manifest[manifest.length - 1] ^= 1;
      return record.withManifest(manifest);
    };
    f.storage.faults().<Optional<DeliveryRecord>>rewrite("deliveries.find",
        found -> found.map(flip));
    f.storage.faults().<Map<DeliveryId, DeliveryRecord>>rewrite("deliveries.findAll",
        found -> {
          Map<DeliveryId, DeliveryRecord> rewritten = new LinkedHashMap<>();
          found.forEach((id, record) -> rewritten.put(id, flip.apply(record)));
          return rewritten;
        });
    SecuPassSdk asking = asking();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession online = asking.secuPass().unlock(alice.user(), pass)) {
      assertThat(online.user()).isEqualTo(alice.user());

      GrantRun run = asking.grants().pollOpenSessions();

      assertThat(run.fulfilled()).hasSize(3);
      assertThat(run.failed()).hasSize(2);
    }
    assertThat(f.memory.deliveries().envelopes(tampered)).extracting(e -> e.recipient())
        .doesNotContain(firstFour.get(3).user(), frank.user());
    assertThat(f.memory.deliveries().envelopes(ids.get(0))).extracting(e -> e.recipient())
        .contains(bob.user(), carol.user(), firstFour.get(2).user());
  }

  @Test
  void aStorageThatAnswersOneRecipientWithAnothersKeys_isRefusedAndEachGetsTheirOwn() {
    List<DeliveryId> ids = twoDeliveriesReady();
    // A batch read that shifts its rows by one: each recipient answered with the next one's
    // keys (the single reads stay right). Sealing to those would lock the recipients out.
    f.storage.faults().<Map<UserId, KeyRecord>>rewrite("keys.findActiveAll", found -> {
      List<UserId> users = new ArrayList<>(found.keySet());
      Map<UserId, KeyRecord> shifted = new LinkedHashMap<>();
      for (int i = 0; i < users.size(); i++) {
        shifted.put(users.get(i), found.get(users.get((i + 1) % users.size())));
      }
      return shifted;
    });
    SecuPassSdk asking = asking();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession online = asking.secuPass().unlock(alice.user(), pass)) {
      assertThat(online.user()).isEqualTo(alice.user());

      GrantRun run = asking.grants().pollOpenSessions();

      assertThat(run.fulfilled()).hasSize(5);
      assertThat(run.failed()).isEmpty();
    }
    eachReads(ids);
  }

  @Test
  void aStorageThatAnswersOneGrantsRecipientWithAnothersKeys_isRefusedAndTheGrantStaysReady() {
    // One grant alone: the engine fulfils it on the single-grant path, not as a batch.
    f.activate(alice, "alice pass").close();
    DeliveryId id = aliceSends("payload", bob);
    f.activate(bob, "bob pass").close();
    f.activate(carol, "carol pass").close();
    KeyRecord carols = f.memory.keys().findActive(carol.user()).orElseThrow();
    // The operator answers a read of bob's active keys with carol's (valid, self-signed, in the
    // key log): sealing to them would give carol the delivery and lock bob out.
    f.storage.faults().<Optional<KeyRecord>>rewrite("keys.findActive", found -> found
        .map(record -> record.user().equals(bob.user()) ? carols : record));
    SecuPassSdk asking = asking();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession online = asking.secuPass().unlock(alice.user(), pass)) {
      assertThat(online.user()).isEqualTo(alice.user());

      GrantRun run = asking.grants().pollOpenSessions();

      assertThat(run.fulfilled()).isEmpty();
      assertThat(run.failed()).containsOnlyKeys(only(bob).id());
      assertThat(run.failed().get(only(bob).id())).contains("with the keys of carol");
    }
    assertThat(only(bob).state()).isEqualTo(GrantState.READY);
    assertThat(f.memory.deliveries().envelopes(id)).extracting(e -> e.recipient())
        .doesNotContain(bob.user());
    assertThat(f.memory.keys().findPin(alice.user(), carol.user())).isEmpty();
  }

  @Test
  void aBatchOfSeveralGrantsToOnePerson_readsTheKeyLogOnceNotPerGrant() {
    // Three deliveries wait for bob: his first grant pins his keys, the next two are grants to
    // pinned keys, whose check also compares the key log checkpoint bob published.
    f.activate(alice, "alice pass").close();
    List<DeliveryId> ids = new ArrayList<>();
    for (String text : List.of("one", "two", "three")) {
      ids.add(aliceSends(text, bob));
    }
    f.activate(bob, "bob pass").close();
    List<String> keyLogReads = List.of("keyLog.latestCheckpoint", "keyLog.view",
        "keyLog.seenCheckpoint", "keyLog.leavesOf", "keyLog.node");
    Map<String, Integer> before = new HashMap<>();
    SecuPassSdk asking = asking();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession online = asking.secuPass().unlock(alice.user(), pass)) {
      assertThat(online.user()).isEqualTo(alice.user());
      keyLogReads.forEach(m -> before.put(m, f.storage.faults().calls(m)));

      GrantRun run = asking.grants().pollOpenSessions();

      assertThat(run.fulfilled()).hasSize(3);
      assertThat(run.failed()).isEmpty();
    }
    for (String method : keyLogReads) {
      assertThat(f.storage.faults().calls(method) - before.get(method))
          .as("reads of %s for the batch of three", method).isLessThanOrEqualTo(1);
    }
    try (SecuPassSession bobSession = f.unlock(bob, "bob pass")) {
      assertThat(f.read(bob, bobSession, ids.get(2))).isEqualTo("three");
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
