package dev.secupass.core.keylog;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.KeyLogException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.events.KeyLogAlarmRaised;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.KeyRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The attacks on first contact that the key transparency log is there to catch, each performed
 * by a storage operator who also holds the host's checkpoint key: a key substituted in storage
 * (with and without logging it), the log rewritten to hide that, a log forked between two
 * senders, a log forked between two correspondents (caught by the checkpoint exchange, in both
 * directions), a witness that refuses the fork, and the users' stored views and published
 * checkpoints altered.
 */
class KeyLogAttacksTest {
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");
  private final CheckpointKey hostKey =
      CheckpointKey.generate("example.com/secupass-keys", new SecureRandom());

  /** A host whose SDK reads the key log through a view the operator can switch. */
  private final class Host {
    final LogOperator.Switchable[] view = new LogOperator.Switchable[1];
    final SdkFixture f;
    final LogOperator operator;

    Host(Witness... witnesses) {
      // Trust on first use, chosen explicitly: these tests are about what the key log catches
      // when a sender wraps (the default policy would hold never-verified keys before that).
      f = new SdkFixture(storage -> view[0] = new LogOperator.Switchable(storage),
          b -> SdkFixture.TRUST_ON_FIRST_USE.apply(b).keyTransparency(transparency(witnesses)));
      operator = new LogOperator(hostKey, f.clock);
    }

    LogOperator.Switchable storage() {
      return view[0];
    }

    /** A second node of the same host on the same storage, with a key-log view of its own. */
    SecuPassSdk node(LogOperator.Switchable storage, Witness... witnesses) {
      return SecuPassSdk.builder().storage(storage).blobStore(f.blobs).atRestKey(f.atRestKey)
          .clock(f.clock).kdfPolicy(TestPolicies.FAST)
          .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
          .keyTransparency(transparency(witnesses)).build();
    }
  }

  private KeyTransparency transparency(Witness... witnesses) {
    KeyTransparency.Builder builder = KeyTransparency.builder().checkpointKey(hostKey);
    for (Witness witness : witnesses) {
      builder.witness(witness);
    }
    return builder.build();
  }

  /** The user's public keys as the operator made them: valid and self-signed, but not theirs. */
  private static KeyRecord forgedKeysOf(SignedInUser user) {
    SdkFixture elsewhere = SdkFixture.trustingFirstUse();
    elsewhere.activate(user, "the operator's pass").close();
    return elsewhere.memory.keys().findActive(user.user()).orElseThrow();
  }

  /**
   * From now on the storage serves {@code forged} as {@code user}'s active keys to every reader,
   * and withholds the checkpoint {@code user}'s SDK published (signed by the real keys, it would
   * give the substitution away: see
   * keySubstitutedAndLogged_theRecipientsPublishedCheckpointGivesItAway).
   */
  private static void serve(SdkFixture f, SignedInUser user, KeyRecord forged) {
    serveKeysOnly(f, user, forged);
    f.storage.faults().<Optional<byte[]>>rewrite("keyLog.seenCheckpoint",
        found -> Optional.empty());
  }

  private static void serveKeysOnly(SdkFixture f, SignedInUser user, KeyRecord forged) {
    f.storage.faults().<Optional<KeyRecord>>rewrite("keys.findActive", found -> found.map(
        r -> r.user().equals(user.user()) ? r.withKeys(forged.publicKeys(),
            forged.encryptedPrivateKeys(), forged.kdf()) : r));
  }

  /** The storage serves what it holds again. */
  private static void stopServing(SdkFixture f) {
    f.storage.faults().rewrite("keys.findActive", UnaryOperator.identity());
    f.storage.faults().rewrite("keyLog.seenCheckpoint", UnaryOperator.identity());
  }

  private static void send(SecuPassSdk sdk, SignedInUser from, SecuPassSession session,
      SignedInUser to) {
    sdk.deliveries().send(from, session, draft(SecurityLevel.SECRET, "the contract",
        Addressee.employee(to.user(), "")).build());
  }

  private static SecuPassSession activate(SecuPassSdk sdk, SignedInUser user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return sdk.secuPass().activate(user.user(), secuPass);
    }
  }

  private static SecuPassSession unlock(SecuPassSdk sdk, SignedInUser user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return sdk.secuPass().unlock(user.user(), secuPass);
    }
  }

  /** The log with every entry of {@code user} rewritten to commit to {@code forged}'s keys. */
  private static UnaryOperator<KeyLogEntry> replacing(SignedInUser user, KeyRecord forged) {
    return entry -> entry.user().equals(user.user()) ? KeyLogEntry.of(entry.event(),
        entry.user(), entry.version(), forged.publicKeys()) : entry;
  }

  @Test
  void activationsAndUnlocks_areLogged_andRaiseNoAlarm() {
    SdkFixture f = SdkFixture.trustingFirstUse();
    try (SecuPassSession a = f.activate(alice, "alice pass");
        SecuPassSession b = f.activate(bob, "bob pass")) {
      assertThat(a.keyLogAlarms()).isEmpty();
      send(f.sdk, alice, a, bob);
      assertThat(f.read(bob, b, f.event(bob.user(),
          dev.secupass.core.events.DeliveryReceived.class).delivery())).isEqualTo("the contract");
    }
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).isEmpty();
    }
    assertThat(f.memory.keyLog().size()).isEqualTo(2);
    assertThat(f.sdk.keyLog().checkpoint()).startsWith(KeyTransparency.DEFAULT_ORIGIN + "\n2\n");
    KeyLogAudit audit = f.sdk.keyLog().audit();
    assertThat(audit.problems()).isEmpty();
    assertThat(audit.entries()).isEqualTo(2);
    assertThat(audit.checkpoints()).isEqualTo(2);
    assertThat(f.events(bob.user(), KeyLogAlarmRaised.class)).isEmpty();
  }

  @Test
  void keySubstitutedInStorage_withoutLoggingIt_theSenderRefusesToWrap() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    serve(f, bob, forgedKeysOf(bob));
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      assertThatThrownBy(() -> send(f.sdk, alice, a, bob))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.NOT_LOGGED))
          .hasMessageContaining("bob").hasMessageContaining("not in the key log");
    }
    assertThat(f.memory.keys().findPin(alice.user(), bob.user())).isEmpty();
    assertThat(f.events(bob.user(), dev.secupass.core.events.DeliveryReceived.class)).isEmpty();
  }

  @Test
  void firstContactKeySubstituted_andLogged_theRecipientIsAlarmedAtTheNextUnlock() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    KeyRecord forged = forgedKeysOf(bob);
    host.operator.append(f.memory, KeyLogEntry.of(KeyLogEntry.Event.ACTIVATION, bob.user(),
        KeyVersion.FIRST, forged.publicKeys()));
    serve(f, bob, forged);
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      send(f.sdk, alice, a, bob); // the operator's key is logged: this sender cannot tell
    }
    stopServing(f);
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).singleElement().satisfies(alarm -> {
        assertThat(alarm.kind()).isEqualTo(KeyLogAlarm.Kind.FOREIGN_KEY);
        assertThat(alarm.version()).isEqualTo(KeyVersion.FIRST);
        assertThat(alarm.entry()).isEqualTo(1);
        assertThat(alarm.describe()).contains("not made on your behalf");
      });
    }
    assertThat(f.event(bob.user(), KeyLogAlarmRaised.class).kind())
        .isEqualTo(KeyLogAlarm.Kind.FOREIGN_KEY);
    assertThat(f.sdk.keyLog().audit().problems())
        .anySatisfy(p -> assertThat(p).contains("entry 1 logs other keys for bob"));
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).as("reported once").isEmpty();
    }
  }

  @Test
  void keySubstitutedAndLogged_theRecipientsPublishedCheckpointGivesItAway() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    KeyRecord forged = forgedKeysOf(bob);
    host.operator.append(f.memory, KeyLogEntry.of(KeyLogEntry.Event.ACTIVATION, bob.user(),
        KeyVersion.FIRST, forged.publicKeys()));
    serveKeysOnly(f, bob, forged);
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      assertThatThrownBy(() -> send(f.sdk, alice, a, bob))
          .isInstanceOf(dev.secupass.api.InvalidSignatureException.class)
          .hasMessageContaining("not signed by the keys the storage presents for bob");
    }
    assertThat(f.events(bob.user(), dev.secupass.core.events.DeliveryReceived.class)).isEmpty();
  }

  @Test
  void logRewrittenToHideTheSubstitution_aSenderWithALaterCheckpointRefuses_andTheRecipientIsAlarmed() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    f.activate(alice, "alice pass").close();
    try (SecuPassSession c = f.activate(carol, "carol pass")) {
      send(f.sdk, carol, c, alice); // carol's SDK now holds a checkpoint with Bob's real key
      KeyRecord forged = forgedKeysOf(bob);
      host.storage().show(host.operator.rewritten(f.memory.keyLog(), replacing(bob, forged)));
      serve(f, bob, forged);

      assertThatThrownBy(() -> send(f.sdk, carol, c, bob))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
          .hasMessageContaining("rewritten or forked");
      assertThat(f.memory.keys().findPin(carol.user(), bob.user())).isEmpty();
    }
    stopServing(f);
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).extracting(KeyLogAlarm::kind)
          .contains(KeyLogAlarm.Kind.LOG_REWRITTEN);
    }
  }

  @Test
  void logRewrittenAndResignedWithTheHostKey_failsTheHealthCheckThatSawTheRealOne() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    f.activate(alice, "alice pass").close();
    KeyLogCheck real = f.sdk.keyLog().check();
    assertThat(real.entries()).isEqualTo(2);
    f.clock.advance(Duration.ofMinutes(3));
    assertThat(f.sdk.keyLog().check().checkpointAge()).isEqualTo(Duration.ofMinutes(3));

    // Same size, validly signed, every node consistent with it: only the history differs.
    host.storage().show(host.operator.rewritten(f.memory.keyLog(),
        replacing(bob, forgedKeysOf(bob))));

    assertThatThrownBy(() -> f.sdk.keyLog().check())
        .isInstanceOfSatisfying(KeyLogException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
        .hasMessage("the key log now (2 entries) does not extend the one this SDK checked before"
            + " (2 entries): it was rolled back, rewritten or forked");
    // A node of the same host that never saw the real log cannot tell: its users' SDKs can.
    try (SecuPassSdk other = host.node(host.storage())) {
      assertThat(other.keyLog().check().entries()).isEqualTo(2);
    }
    host.storage().show(null);
    assertThat(f.sdk.keyLog().check().entries()).isEqualTo(2);
  }

  @Test
  void logForkedBetweenTwoSenders_isDetectedWhenTheirViewsMeet() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    SecuPassSession c = f.activate(carol, "carol pass");
    // Alice works on another node; the operator shows that node fork A, where it added a key
    // of its own for Bob, and serves that key to Alice.
    LogOperator.Switchable aliceView = new LogOperator.Switchable(f.storage);
    SecuPassSdk aliceNode = host.node(aliceView);
    KeyRecord forged = forgedKeysOf(bob);
    KeyLogStore forkA = host.operator.rewritten(f.memory.keyLog(), e -> e);
    aliceView.show(forkA);
    host.operator.append(forkA, KeyLogEntry.of(KeyLogEntry.Event.KEY_CHANGE, bob.user(), KeyVersion.FIRST,
            forged.publicKeys()));
    SecuPassSession a = activate(aliceNode, alice, "alice pass");
    serve(f, bob, forged);
    send(aliceNode, alice, a, bob); // fork A vouches for the forged key
    stopServing(f);
    // The real log (fork B) grows on Carol's side.
    send(f.sdk, carol, c, bob);
    // The views meet: Alice's node is shown the real log, which does not extend fork A.
    aliceView.show(null);
    assertThatThrownBy(() -> send(aliceNode, alice, a, carol))
        .isInstanceOfSatisfying(KeyLogException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED));
    a.close();
    c.close();
    aliceNode.close();
  }

  /**
   * The operator shows Alice's node a fork of the log with her keys (and a key of its own for
   * Bob), while Bob and Carol work on the real one. Returns Alice's node and session, once Alice
   * has sent Bob a delivery through the fork; Bob's view has moved on along the real log.
   */
  /**
   * Alice's node shown a rewritten branch of the log founds a room with Bob as a viewer; then the
   * real log grows (Carol activates), so Bob's view and the branch Alice signed on differ.
   */
  private ForkedRoom forkedRoom(Host host) {
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    LogOperator.Switchable aliceView = new LogOperator.Switchable(f.storage);
    SecuPassSdk aliceNode = host.node(aliceView);
    aliceView.show(host.operator.rewritten(f.memory.keyLog(), e -> e));
    dev.secupass.api.RoomId room;
    try (SecuPassSession a = activate(aliceNode, alice, "alice pass")) {
      room = aliceNode.rooms().create(alice, a, "contracts");
      aliceNode.rooms().addMember(a, room, bob.user(), dev.secupass.api.PrincipalKind.EMPLOYEE,
          dev.secupass.api.RoomRole.VIEWER);
    }
    f.activate(carol, "carol pass").close(); // the real log grows
    return new ForkedRoom(aliceNode, room);
  }

  private record ForkedRoom(SecuPassSdk aliceNode, dev.secupass.api.RoomId room) {}

  private record ForkedCorrespondents(Host host, SecuPassSdk aliceNode, SecuPassSession alice) {}

  private ForkedCorrespondents forkBetweenAliceAndBob() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    LogOperator.Switchable aliceView = new LogOperator.Switchable(f.storage);
    SecuPassSdk aliceNode = host.node(aliceView);
    aliceView.show(host.operator.rewritten(f.memory.keyLog(), e -> e));
    SecuPassSession a = activate(aliceNode, alice, "alice pass");
    send(aliceNode, alice, a, bob); // fork A vouches for Bob's real key: nothing to see here
    f.activate(carol, "carol pass").close(); // the real log (fork B) grows
    f.unlock(bob, "bob pass").close(); // Bob's SDK now relies on fork B
    return new ForkedCorrespondents(host, aliceNode, a);
  }

  @Test
  void logForkedBetweenTwoCorrespondents_theRecipientDetectsItWhenReadingTheDelivery() {
    ForkedCorrespondents forked = forkBetweenAliceAndBob();
    SdkFixture f = forked.host().f;
    byte[] published = f.memory.keyLog().seenCheckpoint(alice.user()).orElseThrow();
    assertThat(new String(published, java.nio.charset.StandardCharsets.UTF_8))
        .as("what Alice relied on is published, signed by her")
        .contains("example.com/secupass-keys\n2\n");

    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).as("Bob's own log is consistent").isEmpty();
      dev.secupass.api.DeliveryId delivery = f.event(bob.user(),
          dev.secupass.core.events.DeliveryReceived.class).delivery();
      assertThatThrownBy(() -> f.read(bob, b, delivery))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
          .hasMessageContaining("bob").hasMessageContaining("alice")
          .hasMessageContaining("forked");
    }
    assertThat(f.events(bob.user(), KeyLogAlarmRaised.class)).extracting(KeyLogAlarmRaised::kind)
        .containsExactly(KeyLogAlarm.Kind.SPLIT_VIEW);
    assertThat(new KeyLogAlarm(bob.user(), KeyLogAlarm.Kind.SPLIT_VIEW, -1, null).describe())
        .contains("different key log");
    forked.alice().close();
    forked.aliceNode().close();
  }

  @Test
  void logForkedBetweenTwoCorrespondents_theSenderDetectsItBeforeWrappingAgain() {
    ForkedCorrespondents forked = forkBetweenAliceAndBob();
    SdkFixture f = forked.host().f;
    assertThatThrownBy(() -> send(forked.aliceNode(), alice, forked.alice(), bob))
        .isInstanceOfSatisfying(KeyLogException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
        .hasMessageContaining("not one history");
    assertThat(f.events(alice.user(), KeyLogAlarmRaised.class))
        .extracting(KeyLogAlarmRaised::kind).containsExactly(KeyLogAlarm.Kind.SPLIT_VIEW);
    assertThat(f.events(bob.user(), dev.secupass.core.events.DeliveryReceived.class))
        .as("only the delivery sent before Bob's statement moved on").hasSize(1);
    forked.alice().close();
    forked.aliceNode().close();
  }

  @Test
  void logForkedBetweenTwoRoomMembers_theMemberDetectsItWhenOpeningTheRoom() {
    Host host = new Host();
    SdkFixture f = host.f;
    ForkedRoom forked = forkedRoom(host);
    dev.secupass.api.RoomId room = forked.room();
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThatThrownBy(() -> f.sdk.rooms().open(b, room))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
          .hasMessageContaining("alice");
    }
    assertThat(f.events(bob.user(), KeyLogAlarmRaised.class)).extracting(KeyLogAlarmRaised::kind)
        .containsExactly(KeyLogAlarm.Kind.SPLIT_VIEW);
    forked.aliceNode().close();
  }

  @Test
  void correspondentsOnOneLog_exchangeCheckpoints_andReadAsBefore() {
    SdkFixture f = SdkFixture.trustingFirstUse();
    f.activate(bob, "bob pass").close();
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      send(f.sdk, alice, a, bob);
      f.activate(carol, "carol pass").close();
      send(f.sdk, alice, a, carol); // Alice relies on a larger checkpoint than Bob now
    }
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(f.read(bob, b, f.event(bob.user(),
          dev.secupass.core.events.DeliveryReceived.class).delivery())).isEqualTo("the contract");
      send(f.sdk, bob, b, alice);
    }
    assertThat(f.memory.keyLog().seenCheckpoint(alice.user())).isPresent();
    assertThat(f.memory.keyLog().seenCheckpoint(bob.user())).isPresent();
    assertThat(f.events(bob.user(), KeyLogAlarmRaised.class)).isEmpty();
    assertThat(f.events(alice.user(), KeyLogAlarmRaised.class)).isEmpty();
  }

  @Test
  void aPublishedCheckpointAlteredInStorage_isRefused() {
    SdkFixture f = SdkFixture.trustingFirstUse();
    f.activate(bob, "bob pass").close();
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      send(f.sdk, alice, a, bob);
    }
    byte[] statement = f.memory.keyLog().seenCheckpoint(alice.user()).orElseThrow();
    statement[statement.length - 70] ^= 1; // in the note, under Alice's signature
    f.memory.keyLog().saveSeenCheckpoint(alice.user(), statement);
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThatThrownBy(() -> f.read(bob, b, f.event(bob.user(),
          dev.secupass.core.events.DeliveryReceived.class).delivery()))
          .isInstanceOf(dev.secupass.api.InvalidSignatureException.class);
    }
  }

  @Test
  void aWitnessRefusesToCosignAFork_andTheSenderRefusesToWrap() {
    InProcessWitness witness = new InProcessWitness("witness.example/w1",
        hostKey.verifierKey(), Clock.systemUTC(), new SecureRandom());
    Host host = new Host(witness);
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      send(f.sdk, alice, a, bob);
    }
    assertThat(witness.size()).isEqualTo(2);
    assertThat(f.sdk.keyLog().checkpoint()).contains("\u2014 witness.example/w1 ");
    assertThat(f.sdk.keyLog().audit().cosigned()).isEqualTo(2);

    KeyRecord forged = forgedKeysOf(bob);
    host.storage().show(host.operator.rewritten(f.memory.keyLog(), replacing(bob, forged)));
    serve(f, bob, forged);
    try (SecuPassSession c = f.activate(carol, "carol pass")) {
      assertThat(c.keyLogAlarms()).extracting(KeyLogAlarm::kind)
          .containsExactly(KeyLogAlarm.Kind.CHECK_FAILED);
      assertThatThrownBy(() -> send(f.sdk, carol, c, bob))
          .isInstanceOfSatisfying(KeyLogException.class, e -> {
            assertThat(e.kind()).isEqualTo(KeyLogException.Kind.WITNESS_REFUSED);
            assertThat(e).hasMessageContaining("witness.example/w1")
                .hasMessageContaining("forked or was rewritten");
          });
    }
    assertThat(witness.size()).isEqualTo(2);
  }

  @Test
  void aDeletedOrAlteredView_isCaught() {
    SdkFixture f = SdkFixture.trustingFirstUse();
    f.activate(bob, "bob pass").close();
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      byte[] view = f.memory.keyLog().view(alice.user()).orElseThrow();
      view[10] ^= 1;
      f.memory.keyLog().saveView(alice.user(), view);
      assertThatThrownBy(() -> send(f.sdk, alice, a, bob))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
          .hasMessageContaining("alice").hasMessageContaining("altered");
    }
    try (SecuPassSession a = f.unlock(alice, "alice pass")) {
      assertThat(a.keyLogAlarms()).extracting(KeyLogAlarm::kind)
          .containsExactly(KeyLogAlarm.Kind.VIEW_ALTERED);
    }
    try (SecuPassSession a = f.unlock(alice, "alice pass")) {
      assertThat(a.keyLogAlarms()).isEmpty();
      send(f.sdk, alice, a, bob);
    }
  }

  @Test
  void aResetLogsTheNewKeys_andSendersReverifyThemThroughTheLog() {
    SdkFixture f = SdkFixture.trustingFirstUse();
    f.activate(bob, "bob pass").close();
    try (SecuPass next = SecuPass.of("new pass");
        SecuPassSession b = f.sdk.secuPass().reset(bob.user(), next)) {
      assertThat(b.keyLogAlarms()).isEmpty();
    }
    assertThat(f.memory.keyLog().leavesOf(bob.user())).hasSize(2);
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      send(f.sdk, alice, a, bob);
    }
    assertThat(f.sdk.keyLog().audit().problems()).isEmpty();
  }

  // ----- The checkpoint bound into what a user signs (format.md, "Seen checkpoint field"):
  // ----- the operator withholds or replays the published checkpoint (type 6), and the reader
  // ----- still compares the one the signer bound into the manifest or membership entry.

  /** From now on the storage withholds every published checkpoint (the type-6 rows). */
  private static void withholdPublished(SdkFixture f) {
    f.storage.faults().<Optional<byte[]>>rewrite("keyLog.seenCheckpoint",
        found -> Optional.empty());
  }

  private static void assertSplitView(SdkFixture f, SignedInUser reader,
      org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
    assertThatThrownBy(read)
        .isInstanceOfSatisfying(KeyLogException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
        .hasMessageContaining("bob").hasMessageContaining("alice")
        .hasMessageContaining("not one history");
    assertThat(f.events(reader.user(), KeyLogAlarmRaised.class))
        .extracting(KeyLogAlarmRaised::kind).containsExactly(KeyLogAlarm.Kind.SPLIT_VIEW);
  }

  /** The payload of the signed manifest of {@code delivery}, as stored. */
  private static dev.secupass.core.internal.crypto.DeliveryManifest manifest(SdkFixture f,
      dev.secupass.api.DeliveryId delivery, SignedInUser sender) {
    KeyRecord keys = f.memory.keys().findActive(sender.user()).orElseThrow();
    return dev.secupass.core.internal.crypto.DeliveryManifest.verify(
        f.memory.deliveries().find(delivery).orElseThrow().manifest(),
        dev.secupass.core.internal.crypto.PublicKeys.of(keys));
  }

  @Test
  void logForked_andThePublishedCheckpointWithheld_theRecipientDetectsItThroughTheManifest() {
    ForkedCorrespondents forked = forkBetweenAliceAndBob();
    SdkFixture f = forked.host().f;
    dev.secupass.api.DeliveryId delivery = f.event(bob.user(),
        dev.secupass.core.events.DeliveryReceived.class).delivery();
    assertThat(manifest(f, delivery, alice).version()).isEqualTo(3);
    assertThat(manifest(f, delivery, alice).seen().size())
        .as("the manifest binds the fork's checkpoint Alice relied on").isEqualTo(2);
    withholdPublished(f);
    assertThat(f.storage.keyLog().seenCheckpoint(alice.user())).isEmpty();

    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).as("Bob's own log is consistent").isEmpty();
      assertSplitView(f, bob, () -> f.read(bob, b, delivery));
    }
    forked.alice().close();
    forked.aliceNode().close();
  }

  @Test
  void logForked_andAnOldPublishedCheckpointReplayed_theRecipientDetectsItThroughTheManifest() {
    Host host = new Host();
    SdkFixture f = host.f;
    f.activate(bob, "bob pass").close();
    LogOperator.Switchable aliceView = new LogOperator.Switchable(f.storage);
    SecuPassSdk aliceNode = host.node(aliceView);
    SecuPassSession a = activate(aliceNode, alice, "alice pass"); // on the real log still
    byte[] old = f.memory.keyLog().seenCheckpoint(alice.user()).orElseThrow();
    // Now the operator splits Alice off: a copy of the log that grows with an entry of its own.
    KeyLogStore forkA = host.operator.rewritten(f.memory.keyLog(), e -> e);
    host.operator.append(forkA, KeyLogEntry.of(KeyLogEntry.Event.ACTIVATION,
        dev.secupass.api.UserId.of("dave"), KeyVersion.FIRST, new byte[] {1, 2, 3}));
    aliceView.show(forkA);
    send(aliceNode, alice, a, bob); // fork A extends what Alice saw: she relies on it now
    f.activate(carol, "carol pass").close(); // the real log grows another way
    // The operator puts back Alice's statement from before the split: it is of the real log.
    f.memory.keyLog().saveSeenCheckpoint(alice.user(), old);

    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).isEmpty();
      dev.secupass.api.DeliveryId delivery = f.event(bob.user(),
          dev.secupass.core.events.DeliveryReceived.class).delivery();
      assertSplitView(f, bob, () -> f.read(bob, b, delivery));
    }
    a.close();
    aliceNode.close();
  }

  @Test
  void logForkedBetweenRoomMembers_andThePublishedCheckpointWithheld_theMemberDetectsItThroughTheLog() {
    Host host = new Host();
    SdkFixture f = host.f;
    ForkedRoom forked = forkedRoom(host);
    dev.secupass.api.RoomId room = forked.room();
    withholdPublished(f);
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertSplitView(f, bob, () -> f.sdk.rooms().open(b, room));
    }
    forked.aliceNode().close();
  }

  @Test
  void correspondentsOnOneLog_withThePublishedCheckpointsWithheld_readAsBefore() {
    SdkFixture f = SdkFixture.trustingFirstUse();
    f.activate(bob, "bob pass").close();
    dev.secupass.api.RoomId room;
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      send(f.sdk, alice, a, bob);
      room = f.sdk.rooms().create(alice, a, "contracts");
      f.activate(carol, "carol pass").close();
      f.sdk.rooms().addMember(a, room, bob.user(), dev.secupass.api.PrincipalKind.EMPLOYEE,
          dev.secupass.api.RoomRole.VIEWER);
      send(f.sdk, alice, a, carol); // Alice relies on a larger checkpoint than Bob now
    }
    withholdPublished(f);
    dev.secupass.api.DeliveryId delivery = f.event(bob.user(),
        dev.secupass.core.events.DeliveryReceived.class).delivery();
    assertThat(manifest(f, delivery, alice).seen().size()).isPositive();
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(f.read(bob, b, delivery)).isEqualTo("the contract");
      assertThat(f.sdk.rooms().open(b, room)).isNotNull();
    }
    assertThat(f.events(bob.user(), KeyLogAlarmRaised.class)).isEmpty();
  }

  @Test
  void aBoundCheckpointAlteredInStorage_failsTheManifestSignature() {
    SdkFixture f = SdkFixture.trustingFirstUse();
    f.activate(bob, "bob pass").close();
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      send(f.sdk, alice, a, bob);
    }
    dev.secupass.api.DeliveryId delivery = f.event(bob.user(),
        dev.secupass.core.events.DeliveryReceived.class).delivery();
    byte[] stored = f.memory.deliveries().find(delivery).orElseThrow().manifest();
    byte[] altered = stored.clone();
    altered[altered.length - 64 - 1] ^= 1; // the last byte of the seen root, under the signature
    assertThat(f.memory.deliveries().replaceManifest(delivery, stored, altered)).isTrue();
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThatThrownBy(() -> f.read(bob, b, delivery))
          .isInstanceOf(dev.secupass.api.InvalidSignatureException.class);
    }
  }
}
