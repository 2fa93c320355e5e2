package dev.secupass.core.postquantum;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyDowngradeException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.internal.crypto.Envelope;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.RoomEnvelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The X-Wing suite end to end on the in-memory stores: new keys are post-quantum by default, a
 * classical policy keeps suite 1, existing users migrate at their next unlock without losing
 * anything, senders wrap in the recipient's suite, a downgrade by the storage operator is refused,
 * and rooms and deliveries with mixed members work. Two SDK instances share the stores: {@code
 * f.sdk} with the default ({@link KeySuite#X_WING}) and {@code classic}, one built with {@link
 * KeySuite#CLASSICAL}, standing for a host that has not turned post-quantum keys on yet.
 */
class PostQuantumKeysTest {
  // Trust on first use, chosen explicitly: the subject is suites, not the release policy.
  private final SdkFixture f = SdkFixture.trustingFirstUse();
  private final SecuPassSdk classic = SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs)
      .atRestKey(f.atRestKey).clock(f.clock).kdfPolicy(TestPolicies.FAST)
      .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
      .keySuite(KeySuite.CLASSICAL).build();

  private final SignedInUser alice = SdkFixture.employee("alice@corp.example");
  private final SignedInUser carol = SdkFixture.employee("carol@corp.example");
  private final SignedInUser dave = SdkFixture.partner("dave@partner.example");

  @Test
  @DisplayName("a new activation makes X-Wing keys by default, and envelopes to them are X-Wing")
  void activate_byDefault_makesXWingKeysAndEnvelopesToThemAreXWing() {
    f.activate(carol, "carol's secupass").close();
    assertThat(keys(carol).suite()).isEqualTo(2);
    assertThat(record(carol).publicKeys()).hasSize(6 + 2 + carol.user().value().length() + 4
        + 32 + 32 + 1216 + 64);

    DeliveryId sent = sendAsAlice(f.sdk, "for carol", carol);
    assertThat(envelopeSuite(sent, carol)).isEqualTo(2);
    assertThat(envelopeSuite(sent, alice)).isEqualTo(2);
    try (SecuPassSession session = f.unlock(carol, "carol's secupass")) {
      assertThat(f.read(carol, session, sent)).isEqualTo("for carol");
    }
  }

  @Test
  @DisplayName("the classical policy makes suite-1 keys and does not migrate them at unlock")
  void classicalPolicy_keepsSuite1() {
    activate(classic, dave, "dave's secupass").close();
    unlock(classic, dave, "dave's secupass").close();
    assertThat(keys(dave).suite()).isEqualTo(1);
    assertThat(envelopeSuite(sendAsAlice(classic, "for dave", dave), dave)).isEqualTo(1);
  }

  @Test
  @DisplayName("a classical user's next unlock adds an X-Wing key to the same key version: same"
      + " fingerprint, pins carry over, earlier deliveries open, later envelopes are X-Wing")
  void unlock_classicalKeys_migratesInPlace() {
    activate(classic, carol, "carol's secupass").close();
    PublicKeys before = keys(carol);
    DeliveryId earlier = sendAsAlice(classic, "sent before", carol);
    DeliveryId pinned = sendAsAlice(f.sdk, "pinned before", carol);
    assertThat(envelopeSuite(earlier, carol)).isEqualTo(1);
    assertThat(envelopeSuite(pinned, carol)).isEqualTo(1);

    try (SecuPassSession session = f.unlock(carol, "carol's secupass")) {
      PublicKeys after = keys(carol);
      assertThat(after.suite()).isEqualTo(2);
      assertThat(after.version()).isEqualTo(before.version());
      assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
      assertThat(after.encryptionKey()).isEqualTo(before.encryptionKey());
      assertThat(after.signingKey()).isEqualTo(before.signingKey());
      assertThat(session.fingerprint()).isEqualTo(before.fingerprint());
      assertThat(f.read(carol, session, earlier)).isEqualTo("sent before");
      assertThat(f.read(carol, session, pinned)).isEqualTo("pinned before");
    }
    assertThat(record(carol).encryptedPrivateKeys()[5]).isEqualTo((byte) 2);

    // alice pinned carol's suite-1 keys; the same keys with an X-Wing key are no key change
    DeliveryId later = sendAsAlice(f.sdk, "sent after", carol);
    assertThat(envelopeSuite(later, carol)).isEqualTo(2);
    try (SecuPassSession session = f.unlock(carol, "carol's secupass")) {
      assertThat(f.read(carol, session, later)).isEqualTo("sent after");
      assertThat(f.read(carol, session, earlier)).isEqualTo("sent before");
    }
    assertThat(record(carol).publicKeys()).isEqualTo(keys(carol).encoded());
  }

  @Test
  @DisplayName("attack: the storage operator serves a migrated user's bundle with the X-Wing key"
      + " removed (the valid pre-migration bundle); a sender who saw the X-Wing key refuses,"
      + " storing nothing")
  void send_bundleWithXWingKeyRemoved_isRefusedAsDowngrade() {
    activate(classic, carol, "carol's secupass").close();
    KeyRecord classical = record(carol);
    f.unlock(carol, "carol's secupass").close();
    DeliveryId before = sendAsAlice(f.sdk, "seen post-quantum", carol);
    assertThat(envelopeSuite(before, carol)).isEqualTo(2);

    // The operator writes the old, validly self-signed suite-1 bundle and blob back.
    KeyRecord migrated = record(carol);
    f.memory.keys().update(migrated.withKeys(classical.publicKeys(),
        classical.encryptedPrivateKeys(), classical.kdf()));
    assertThat(keys(carol).suite()).isEqualTo(1);
    assertThat(keys(carol).fingerprint()).isEqualTo(PublicKeys.parse(migrated.publicKeys())
        .fingerprint());

    int deliveriesBefore = deliveryCount();
    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      assertThatThrownBy(() -> f.sdk.deliveries().send(alice, session,
          draft(SecurityLevel.SECRET, "must not be classical",
              Addressee.employee(carol.user(), "carol@corp.example")).build()))
          .isInstanceOf(KeyDowngradeException.class)
          .hasMessageContaining("carol@corp.example")
          .hasMessageContaining("post-quantum")
          .satisfies(e -> assertThat(((KeyDowngradeException) e).subject())
              .isEqualTo(carol.user()));
    }
    assertThat(deliveryCount()).isEqualTo(deliveriesBefore);
  }

  @Test
  @DisplayName("attack: with the X-Wing key removed from a migrated user's bundle, re-verifying"
      + " the unchanged fingerprint does not re-pin the keys as classical")
  void reverify_bundleWithXWingKeyRemoved_isRefusedAsDowngrade_andThePinKeepsSuite2() {
    activate(classic, carol, "carol's secupass").close();
    KeyRecord classical = record(carol);
    f.unlock(carol, "carol's secupass").close();
    sendAsAlice(f.sdk, "seen post-quantum", carol);
    KeyRecord migrated = record(carol);
    f.memory.keys().update(migrated.withKeys(classical.publicKeys(),
        classical.encryptedPrivateKeys(), classical.kdf()));

    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      assertThatThrownBy(() -> f.sdk.secuPass().reverify(session, carol.user(),
          keys(carol).fingerprint()))
          .isInstanceOf(KeyDowngradeException.class);
    }
    // the pin still says suite 2: the next send is refused as well
    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      assertThatThrownBy(() -> f.sdk.deliveries().send(alice, session,
          draft(SecurityLevel.SECRET, "must not be classical",
              Addressee.employee(carol.user(), "carol@corp.example")).build()))
          .isInstanceOf(KeyDowngradeException.class);
    }
  }

  @Test
  @DisplayName("a classical user and a migrated user exchange deliveries both ways, each envelope"
      + " in its recipient's suite")
  void classicalAndMigratedUsers_exchangeDeliveriesBothWays() {
    activate(classic, dave, "dave's secupass").close();
    activate(classic, carol, "carol's secupass").close();
    f.unlock(carol, "carol's secupass").close();
    assertThat(keys(dave).suite()).isEqualTo(1);
    assertThat(keys(carol).suite()).isEqualTo(2);

    DeliveryId toDave;
    try (SecuPassSession session = f.unlock(carol, "carol's secupass")) {
      toDave = f.sdk.deliveries().send(carol, session, draft(SecurityLevel.TOP_SECRET,
          "from carol", Addressee.partner(dave.user(), "dave@partner.example")).build()).id();
    }
    assertThat(envelopeSuite(toDave, dave)).isEqualTo(1);
    assertThat(envelopeSuite(toDave, carol)).isEqualTo(2);
    DeliveryId toCarol;
    try (SecuPassSession session = unlock(classic, dave, "dave's secupass")) {
      assertThat(readWith(classic, dave, session, toDave)).isEqualTo("from carol");
      toCarol = classic.deliveries().send(dave, session, draft(SecurityLevel.TOP_SECRET,
          "from dave", Addressee.employee(carol.user(), "carol@corp.example")).build()).id();
    }
    assertThat(envelopeSuite(toCarol, carol)).isEqualTo(2);
    assertThat(envelopeSuite(toCarol, dave)).isEqualTo(1);
    try (SecuPassSession session = f.unlock(carol, "carol's secupass")) {
      assertThat(f.read(carol, session, toCarol)).isEqualTo("from dave");
    }
    assertThat(keys(dave).suite()).isEqualTo(1);
  }

  @Test
  @DisplayName("a data room with an X-Wing owner, a classical member and a migrated member wraps"
      + " each member's room key in their suite, and every member reads the files")
  void mixedRoom_wrapsPerMemberSuite() throws IOException {
    activate(classic, dave, "dave's secupass").close();
    activate(classic, carol, "carol's secupass").close();
    DataRooms rooms = f.sdk.rooms();
    RoomId room;
    try (SecuPassSession owner = f.activate(alice, "alice's secupass")) {
      room = rooms.create(alice, owner, "Mixed");
      rooms.addMember(owner, room, dave.user(), PrincipalKind.PARTNER, RoomRole.EDITOR);
      rooms.addMember(owner, room, carol.user(), PrincipalKind.EMPLOYEE, RoomRole.VIEWER);
      rooms.upload(owner, room, null, "plan.txt",
          new ByteArrayInputStream("the plan".getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(roomEnvelopeSuites(room, carol)).containsOnly(1);
    f.unlock(carol, "carol's secupass").close();
    // carol migrated: the next epoch's key (after a removal) is wrapped to her X-Wing key
    try (SecuPassSession owner = f.unlock(alice, "alice's secupass")) {
      rooms.addMember(owner, room, UserId.of("erin@corp.example"), PrincipalKind.EMPLOYEE,
          RoomRole.VIEWER);
      rooms.removeMember(owner, room, UserId.of("erin@corp.example"));
    }
    assertThat(roomEnvelopeSuites(room, alice)).containsOnly(2);
    assertThat(roomEnvelopeSuites(room, dave)).containsOnly(1);
    assertThat(roomEnvelopeSuites(room, carol)).containsExactly(1, 2);

    String upload;
    try (SecuPassSession session = unlock(classic, dave, "dave's secupass")) {
      upload = readRoomFile(classic.rooms(), session, room, "plan.txt");
      classic.rooms().upload(session, room, null, "notes.txt",
          new ByteArrayInputStream("dave's notes".getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(upload).isEqualTo("the plan");
    try (SecuPassSession session = f.unlock(carol, "carol's secupass")) {
      assertThat(readRoomFile(rooms, session, room, "plan.txt")).isEqualTo("the plan");
      assertThat(readRoomFile(rooms, session, room, "notes.txt")).isEqualTo("dave's notes");
    }
  }

  // ----- helpers -----

  private DeliveryId sendAsAlice(SecuPassSdk sdk, String content, SignedInUser to) {
    if (f.memory.keys().findActive(alice.user()).isEmpty()) {
      activate(f.sdk, alice, "alice's secupass").close();
    }
    try (SecuPassSession session = unlock(sdk, alice, "alice's secupass")) {
      SentDelivery sent = sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET,
          content, Addressee.employee(to.user(), to.user().value())).build());
      assertThat(sent.awaitingSecuPass()).isEmpty();
      return sent.id();
    }
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

  private static String readWith(SecuPassSdk sdk, SignedInUser reader, SecuPassSession session,
      DeliveryId id) {
    try (var opened = sdk.deliveries().open(reader, session, id)) {
      return SdkFixture.firstFile(opened);
    }
  }

  private static String readRoomFile(DataRooms rooms, SecuPassSession session, RoomId room,
      String name) throws IOException {
    var item = rooms.list(session, room, null).stream().filter(i -> i.name().equals(name))
        .findFirst().orElseThrow();
    try (InputStream in = rooms.download(session, room, item.id())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private KeyRecord record(SignedInUser user) {
    return f.memory.keys().findActive(user.user()).orElseThrow();
  }

  private PublicKeys keys(SignedInUser user) {
    return PublicKeys.of(record(user));
  }

  private int envelopeSuite(DeliveryId delivery, SignedInUser recipient) {
    DeliveryEnvelope envelope = f.memory.deliveries().envelopes(delivery).stream()
        .filter(e -> e.recipient().equals(recipient.user())).findFirst().orElseThrow();
    return Envelope.parse(envelope.envelope()).suite();
  }

  private java.util.List<Integer> roomEnvelopeSuites(RoomId room, SignedInUser member) {
    return f.memory.rooms().envelopes(room, member.user()).stream()
        .map(RoomEnvelope::envelope).map(e -> Envelope.parse(e).suite()).toList();
  }

  private int deliveryCount() {
    return f.memory.deliveries().outbox(alice.user(),
        dev.secupass.api.PageRequest.first(1000)).items().size();
  }
}
