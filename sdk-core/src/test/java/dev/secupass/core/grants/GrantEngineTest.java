package dev.secupass.core.grants;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.StorageException;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.events.DeliveryReleased;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.grants.GrantHandler;
import dev.secupass.core.internal.grants.GrantWrites;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.FaultyStorage.SimulatedCrash;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrantEngineTest {
  // The engine's mechanics with employees' keys released on first use; the default first-contact
  // policy, which holds such releases for the sender's confirmation, is FirstContactTest's.
  private final SdkFixture f = new SdkFixture(b -> b.firstContactPolicy(
      FirstContactPolicy.trustOnFirstUse()));
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  /** Alice (activated, session closed) sends a level-3 delivery to recipients without SecuPass. */
  private DeliveryId sendToNewcomers(SignedInUser... recipients) {
    if (!f.sdk.secuPass().hasSecuPass(alice.user())) {
      f.activate(alice, "alice pass").close();
    }
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      Addressee[] to = new Addressee[recipients.length];
      for (int i = 0; i < recipients.length; i++) {
        to[i] = Addressee.employee(recipients[i].user(), "");
      }
      return f.sdk.deliveries().send(alice, session,
          draft(SecurityLevel.SECRET, "payload", to).build()).id();
    }
  }

  /** A second SDK on the same stores and keys: another process of the host. */
  private SecuPassSdk otherProcess() {
    return otherProcess(Runnable::run);
  }

  private SecuPassSdk otherProcess(Executor grantExecutor) {
    return SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs).atRestKey(f.atRestKey)
        .clock(f.clock).kdfPolicy(TestPolicies.FAST).grantExecutor(grantExecutor)
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
  }

  /** Unlocks through {@code sdk}, whose sessions fulfil nothing on their own. */
  private static SecuPassSession idleUnlock(SecuPassSdk sdk, SignedInUser user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return sdk.secuPass().unlock(user.user(), secuPass);
    }
  }

  /** An SDK on the fixture's stores whose open sessions fulfil grants only when asked. */
  private SecuPassSdk askingOnly() {
    return otherProcess(task -> { });
  }

  private Grant only(UserId recipient) {
    List<Grant> grants = f.memory.grants().forRecipient(recipient);
    assertThat(grants).hasSize(1);
    return grants.get(0);
  }

  @Test
  void senderWithOpenSession_fulfilsAGrantAsSoonAsItIsReady() {
    f.activate(alice, "alice pass").close();
    SecuPassSession online = f.unlock(alice, "alice pass");
    DeliveryId id = f.sdk.deliveries().send(alice, online,
        draft(SecurityLevel.SECRET, "payload", Addressee.employee(bob.user(), "")).build()).id();

    try (SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      assertThat(f.read(bob, bobSession, id)).isEqualTo("payload");
    }
    assertThat(only(bob.user()).state()).isEqualTo(GrantState.DONE);
    f.event(bob.user(), DeliveryReleased.class);
    online.close();
  }

  @Test
  void sessionOnAnotherProcess_fulfilsWhenPolled() {
    f.activate(alice, "alice pass").close();
    SecuPassSession online = f.unlock(alice, "alice pass");
    DeliveryId id = f.sdk.deliveries().send(alice, online,
        draft(SecurityLevel.SECRET, "payload", Addressee.employee(bob.user(), "")).build()).id();
    SecuPassSdk bobsProcess = otherProcess();
    try (SecuPass pass = SecuPass.of("bob pass")) {
      bobsProcess.secuPass().activate(bob.user(), pass).close();
    }
    assertThat(only(bob.user()).state()).isEqualTo(GrantState.READY);

    GrantRun run = f.sdk.grants().pollOpenSessions();

    assertThat(run.fulfilled()).containsExactly(only(bob.user()).id());
    assertThat(only(bob.user()).state()).isEqualTo(GrantState.DONE);
    assertThat(f.memory.deliveries().envelopes(id)).extracting(e -> e.recipient())
        .contains(bob.user());
    online.close();
  }

  @Test
  void twoSessionsOfTheSenderInTwoProcesses_fulfilEveryGrantExactlyOnce() throws Exception {
    SignedInUser[] recipients = IntStream.range(0, 24)
        .mapToObj(i -> SdkFixture.employee("r" + i)).toArray(SignedInUser[]::new);
    DeliveryId id = sendToNewcomers(recipients);
    for (SignedInUser recipient : recipients) {
      f.activate(recipient, "pass " + recipient.user()).close();
    }
    SecuPassSdk first = askingOnly();
    SecuPassSdk second = askingOnly();
    SecuPassSession one = idleUnlock(first, alice, "alice pass");
    SecuPassSession two = idleUnlock(second, alice, "alice pass");
    CountDownLatch start = new CountDownLatch(1);

    CompletableFuture<GrantRun> firstRun = CompletableFuture.supplyAsync(() -> {
      await(start);
      return first.grants().fulfil(one);
    });
    CompletableFuture<GrantRun> other = CompletableFuture.supplyAsync(() -> {
      await(start);
      return second.grants().fulfil(two);
    });
    start.countDown();

    List<GrantId> all = new ArrayList<>(firstRun.get().fulfilled());
    all.addAll(other.get().fulfilled());
    assertThat(all).hasSize(recipients.length);
    assertThat(new HashSet<>(all)).hasSize(recipients.length);
    for (GrantId grant : all) {
      // Fulfilled once: one audit line each (batches store envelopes, events and audit lines
      // together, so a grant done twice would show twice here).
      assertThat(f.memory.audit().forTarget("grant:" + grant, PageRequest.first(10)).items())
          .extracting(AuditEntry::action).containsOnlyOnce("grant.fulfil");
    }
    for (SignedInUser recipient : recipients) {
      assertThat(f.events(recipient.user(), DeliveryReleased.class)).hasSize(1);
    }
    assertThat(f.memory.deliveries().envelopes(id)).hasSize(recipients.length + 1);
    first.close();
    second.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "crash at {0}")
  @ValueSource(strings = {"deliveries.putEnvelope", "events.append", "grants.complete",
      "audit.append"})
  void crashMidGrant_leavesNothingAndTheNextSessionGrantsOnceTheLeaseExpires(String step) {
    DeliveryId id = sendToNewcomers(bob);
    SecuPassSession bobSession = f.activate(bob, "bob pass");
    f.storage.faults().failNext(step, SimulatedCrash::new);

    assertThatThrownBy(() -> f.unlock(alice, "alice pass")).isInstanceOf(SimulatedCrash.class);

    Grant held = only(bob.user());
    assertThat(held.state()).isEqualTo(GrantState.READY);
    assertThat(held.lease()).isNotNull();
    assertThat(f.events(bob.user(), DeliveryReleased.class)).isEmpty();
    assertThatThrownBy(() -> f.read(bob, bobSession, id)).isInstanceOf(NotReleasedException.class);

    SecuPassSdk restarted = otherProcess();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession early = restarted.secuPass().unlock(alice.user(), pass)) {
      assertThat(only(bob.user()).state()).isEqualTo(GrantState.READY);
      f.clock.advance(Duration.ofMinutes(3));
      assertThat(restarted.grants().fulfil(early).fulfilled()).containsExactly(held.id());
    }
    assertThat(f.read(bob, bobSession, id)).isEqualTo("payload");
    assertThat(f.events(bob.user(), DeliveryReleased.class)).hasSize(1);
  }

  @Test
  void storageFailingMidRun_releasesEveryGrantItClaimed_soTheNextPollNeedNotWaitForTheLease() {
    DeliveryId id = sendToNewcomers(bob, SdkFixture.employee("carol"));
    f.activate(bob, "bob pass").close();
    f.activate(SdkFixture.employee("carol"), "carol pass").close();
    // The database goes away while the two claimed grants are fulfilled: first the batch's
    // transaction fails, then the first grant's own; the run stops there.
    f.storage.faults().failNext("deliveries.putEnvelopes",
        () -> new StorageException("the database is unavailable", true, null));
    f.storage.faults().failNext("deliveries.putEnvelope",
        () -> new StorageException("the database is unavailable", true, null));
    try (SecuPassSdk asking = askingOnly();
        SecuPassSession online = idleUnlock(asking, alice, "alice pass")) {
      GrantRun failed = asking.grants().fulfil(online);

      assertThat(failed.fulfilled()).isEmpty();
      assertThat(failed.failed()).hasSize(1).containsValue("the database is unavailable");
      assertThat(f.memory.grants().forRecipient(bob.user()).get(0).lease()).isNull();
      assertThat(f.memory.grants().forRecipient(UserId.of("carol")).get(0).lease()).isNull();

      // At the same instant: nothing is held by a lease of the failed run.
      GrantRun again = asking.grants().fulfil(online);
      assertThat(again.fulfilled()).hasSize(2);
      assertThat(again.failed()).isEmpty();
    }
    assertThat(f.memory.deliveries().envelopes(id)).extracting(e -> e.recipient())
        .contains(bob.user(), UserId.of("carol"));
  }

  @Test
  void crashInActivation_rollsItBackAndActivatingAgainReleasesTheGrant() {
    sendToNewcomers(bob);
    f.storage.faults().failNext("grants.markReady", SimulatedCrash::new);

    assertThatThrownBy(() -> f.activate(bob, "bob pass")).isInstanceOf(SimulatedCrash.class);

    assertThat(f.sdk.secuPass().hasSecuPass(bob.user())).isFalse();
    assertThat(only(bob.user()).state()).isEqualTo(GrantState.WAITING_FOR_KEY);
    f.activate(bob, "bob pass").close();
    assertThat(only(bob.user()).state()).isEqualTo(GrantState.READY);
    f.event(alice.user(), GrantReady.class);
  }

  @Test
  void activation_throughTheOnlyDoor_alwaysMarksWaitingGrantsReadyAndTellsTheSender() {
    DeliveryId id = sendToNewcomers(bob);

    f.activate(bob, "bob pass").close();

    assertThat(only(bob.user()).state()).isEqualTo(GrantState.READY);
    GrantReady ready = f.event(alice.user(), GrantReady.class);
    assertThat(ready.recipient().user()).isEqualTo(bob.user());
    assertThat(ready.forDelivery()).contains(id);
    // The stored payload names the delivery in a field of its own too (docs/format.md).
    assertThat(f.memory.events().claim(100, Duration.ofMinutes(1))).filteredOn(
            event -> event.type().equals("grant.ready")).singleElement()
        .satisfies(event -> assertThat(EventPayload.decode(event.payload()).get("delivery"))
            .contains(id.value()));
  }

  @Test
  void keysStoredWithoutTheGrantBookkeeping_areMadeReadyByTheRecipientsNextUnlock() {
    sendToNewcomers(bob);
    try (SecuPass pass = SecuPass.of("bob pass")) {
      // As an earlier SDK version (or a restore of the key table) would leave it.
      TestKeys.builder(f.storage).clock(f.clock).build().activate(bob.user(), pass).close();
    }
    assertThat(only(bob.user()).state()).isEqualTo(GrantState.WAITING_FOR_KEY);

    f.unlock(bob, "bob pass").close();

    assertThat(only(bob.user()).state()).isEqualTo(GrantState.READY);
    f.event(alice.user(), GrantReady.class);
  }

  @Test
  void reset_queuesEverythingAgain_andTheSenderRegrantsAfterReverifyingTheNewKey() {
    f.activate(bob, "bob pass").close();
    f.activate(alice, "alice pass").close();
    DeliveryId secret;
    DeliveryId topSecret;
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      secret = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "one",
          Addressee.employee(bob.user(), "")).build()).id();
      topSecret = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.TOP_SECRET, "two",
          Addressee.employee(bob.user(), "")).build()).id();
    }

    SecuPassSession bobSession;
    try (SecuPass forgotten = SecuPass.of("bob's new pass")) {
      bobSession = f.sdk.secuPass().reset(bob.user(), forgotten);
    }
    assertThatThrownBy(() -> f.read(bob, bobSession, secret))
        .isInstanceOf(NotReleasedException.class);
    assertThat(f.events(alice.user(), GrantReady.class)).hasSize(2);

    try (SecuPassSdk asking = askingOnly();
        SecuPassSession aliceSession = idleUnlock(asking, alice, "alice pass")) {
      GrantRun blocked = asking.grants().fulfil(aliceSession);
      assertThat(blocked.fulfilled()).isEmpty();
      assertThat(blocked.keyChanges()).hasSize(2).allSatisfy(change -> {
        assertThat(change.recipient().user()).isEqualTo(bob.user());
        assertThat(change.presented()).isEqualTo(bobSession.fingerprint());
      });

      GrantRun regranted = asking.secuPass().reverify(aliceSession, bob.user(),
          bobSession.fingerprint());
      assertThat(regranted.fulfilled()).hasSize(2);
    }
    assertThat(f.read(bob, bobSession, secret)).isEqualTo("one");
    assertThat(f.read(bob, bobSession, topSecret)).isEqualTo("two");
  }

  @Test
  void resetBeforeTheSenderFulfilledTheFirstGrant_replacesItWithOneForTheNewKey() {
    DeliveryId id = sendToNewcomers(bob);
    f.activate(bob, "bob pass").close();
    assertThat(only(bob.user()).recipientKeyVersion()).isEqualTo(KeyVersion.FIRST);

    SecuPassSession bobSession;
    try (SecuPass forgotten = SecuPass.of("bob's new pass")) {
      bobSession = f.sdk.secuPass().reset(bob.user(), forgotten);
    }

    // The grant for the forgotten key is cancelled; one for the new key waits in its place.
    assertThat(f.memory.grants().forRecipient(bob.user()))
        .extracting(Grant::state, Grant::recipientKeyVersion)
        .containsExactlyInAnyOrder(tuple(GrantState.CANCELLED, KeyVersion.FIRST),
            tuple(GrantState.READY, KeyVersion.FIRST.next()));
    // Alice never wrapped to Bob's first key, so his new one is his first contact with her.
    f.unlock(alice, "alice pass").close();
    assertThat(f.read(bob, bobSession, id)).isEqualTo("payload");
    assertThat(f.memory.deliveries().envelopes(id)).extracting(e -> e.recipient())
        .containsOnlyOnce(bob.user());
    bobSession.close();
  }

  @Test
  void expiredDelivery_hasItsGrantsCancelled() {
    DeliveryId id = sendToNewcomers(bob);
    f.clock.advance(Duration.ofDays(91));

    assertThat(f.sdk.deliveries().sweepExpired(10).expired()).isEqualTo(1);

    assertThat(only(bob.user()).state()).isEqualTo(GrantState.CANCELLED);
    f.activate(bob, "bob pass").close();
    assertThat(f.events(alice.user(), GrantReady.class)).isEmpty();
    assertThat(f.memory.grants().find(new GrantFilter(Set.of(),
        Set.of(GrantTarget.delivery(id))), Set.of(GrantState.READY), 10)).isEmpty();
  }

  @Test
  void senderWhoResetAfterSending_cannotGrant_andTheGrantIsCancelledAsStale() {
    DeliveryId id = sendToNewcomers(bob);
    try (SecuPass fresh = SecuPass.of("alice's new pass");
        SecuPassSession reset = f.sdk.secuPass().reset(alice.user(), fresh)) {
      assertThat(reset.keyVersion()).isEqualTo(KeyVersion.FIRST.next());
      f.activate(bob, "bob pass").close();
    }

    assertThat(only(bob.user()).state()).isEqualTo(GrantState.CANCELLED);
    assertThat(f.memory.audit().forTarget("grant:" + only(bob.user()).id(), PageRequest.first(5))
        .items()).extracting(AuditEntry::outcome).containsExactly("stale");
    assertThat(f.memory.deliveries().findEnvelope(id, bob.user(), KeyVersion.FIRST)).isEmpty();
  }

  @Test
  void pending_listsTheGrantsASenderCanFulfil() {
    sendToNewcomers(bob, SdkFixture.employee("carol"));
    f.activate(bob, "bob pass").close();

    assertThat(f.sdk.grants().pending(alice.user(), 10))
        .extracting(PendingGrant::state, grant -> grant.recipient().user())
        .containsExactlyInAnyOrder(tuple(PendingGrant.State.READY, bob.user()),
            tuple(PendingGrant.State.AWAITING_SECUPASS, UserId.of("carol")));
    assertThat(f.sdk.grants().pending(bob.user(), 10)).isEmpty();
  }

  @Test
  void pending_namesAGuestByTheirAddress() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "x",
          Addressee.guest("gina@example.org")).build());
    }

    assertThat(f.sdk.grants().pending(alice.user(), 10)).singleElement()
        .satisfies(grant -> assertThat(grant.recipient().displayName())
            .isEqualTo("gina@example.org"));
  }

  @Test
  void engine_takesAtMostOneHandlerPerKind() {
    GrantHandler rooms = new GrantHandler() {
      @Override
      public GrantTarget.Kind kind() {
        return GrantTarget.Kind.ROOM;
      }

      @Override
      public Set<GrantTarget> managedTargets(UserId user) {
        return Set.of();
      }

      @Override
      public void fulfil(KeySession granter, Grant grant, Storage tx, GrantWrites writes) {}
    };
    assertThatThrownBy(() -> new GrantEngine(f.storage, f.clock, new SecureRandom(),
        Duration.ofMinutes(1), Runnable::run, new Sessions(f.clock), List.of(rooms, rooms)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecuPassSdk.builder().grantLeaseDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
