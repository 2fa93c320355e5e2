package dev.secupass.core.rooms;

import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.keylog.KeyTransparency;
import java.security.SecureRandom;
import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.MemberKey;
import dev.secupass.core.internal.rooms.MembershipAction;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, gap 1: a storage operator plants a key row for Alice that she never made and writes a
 * room whose membership log is rooted in it, with Bob as a member. Bob, who verified Alice's real
 * fingerprint, must refuse the room ({@link MembershipLogException}) and upload nothing into it.
 *
 * <p>The operator makes the room in a lab of its own (another SDK on other stores, where it holds
 * the private keys of the planted row) and copies the room's rows into the real store, as it can.
 */
class ForgedCreatorKeyTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private final RoomFixture lab = new RoomFixture();
  private KeySession alice;
  private KeySession bob;

  @BeforeEach
  void users() {
    alice = fixture.activate("alice");
    bob = fixture.activate("bob");
  }

  @Test
  void retiredRowAboveTheActiveVersion_isRefused_andBobCannotUpload() {
    // The attack exactly: a RETIRED row for Alice at version 2, while her real keys are
    // version 1, and a room whose first entry is signed with it.
    fixture.secuPass().reverify(bob, user("alice"), alice.fingerprint());
    lab.activate("alice").close();
    KeySession forgedAlice = lab.reset("alice");
    assertThat(forgedAlice.keyVersion()).isEqualTo(KeyVersion.of(2));
    plant(forgedAlice.user(), forgedAlice.keyVersion());
    RoomId forged = forgeRoomWithBob(forgedAlice);

    assertThatThrownBy(() -> rooms.open(bob, forged))
        .isInstanceOf(MembershipLogException.class)
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("newer than their current keys");
    long blobsBefore = fixture.blobs.committed().size();
    assertThatThrownBy(() -> fixture.upload(rooms, bob, forged, null, "salaries.xlsx",
        new byte[] {4, 2}))
        .isInstanceOf(MembershipLogException.class);
    assertThatThrownBy(() -> rooms.list(bob, forged, null))
        .isInstanceOf(MembershipLogException.class);
    assertThat(fixture.blobs.committed()).hasSize((int) blobsBefore);
    assertThat(fixture.memory.rooms().entries(forged,
        PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void realRetiredRowReplaced_neverPinnedByBob_andNothingVouchesForIt_isRefused() {
    // Alice resets; Bob meets her afterwards and verifies her new fingerprint. The operator
    // replaces her retired version-1 row (which Bob never saw) with keys of its own.
    KeySession alice2 = fixture.reset("alice");
    fixture.secuPass().reverify(bob, user("alice"), alice2.fingerprint());
    KeySession forgedAlice = lab.activate("alice");
    plant(forgedAlice.user(), forgedAlice.keyVersion());
    RoomId forged = forgeRoomWithBob(forgedAlice);

    assertThatThrownBy(() -> rooms.open(bob, forged))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("never verified");
    assertThatThrownBy(() -> fixture.upload(rooms, bob, forged, null, "plan.txt",
        new byte[] {1}))
        .isInstanceOf(MembershipLogException.class);
  }

  @Test
  void realRetiredRowReplaced_afterBobPinnedIt_isAKeyChange() {
    // Bob pinned Alice's version 1 (his pin history keeps it after he verifies version 2).
    fixture.secuPass().reverify(bob, user("alice"), alice.fingerprint());
    KeySession alice2 = fixture.reset("alice");
    fixture.secuPass().reverify(bob, user("alice"), alice2.fingerprint());
    KeySession forgedAlice = lab.activate("alice");
    plant(forgedAlice.user(), forgedAlice.keyVersion());
    RoomId forged = forgeRoomWithBob(forgedAlice);

    assertThatThrownBy(() -> rooms.open(bob, forged))
        .isInstanceOf(KeyChangedException.class);
  }

  @Test
  void roomOfTheCreatorsRetiredKey_stillOpens_forAMemberWhosePinHistoryHasIt() {
    fixture.secuPass().reverify(bob, user("alice"), alice.fingerprint());
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.EDITOR);
    RoomItem file = fixture.upload(rooms, alice, room, null, "terms", new byte[] {7});
    KeySession alice2 = fixture.reset("alice");
    fixture.secuPass().reverify(bob, user("alice"), alice2.fingerprint());

    // Bob reads the room for the first time after the reset: its root is Alice's retired key,
    // which his pin of her new key keeps in its history.
    assertThat(read(rooms.download(bob, room, file.id()))).containsExactly(7);
  }

  @Test
  void roomCreatedBeforeTheCreatorsReset_opensForAMemberAddedLater_throughTheManagerWhoAddedThem() {
    // Bob never met Alice's version-1 keys, the room's root. Carol, whose keys Bob takes on first
    // use, verified the log when she added him: her entry vouches for the entries before it.
    KeySession carol = fixture.activate("carol");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("carol"), EMPLOYEE, RoomRole.MANAGER);
    rooms.open(carol, room);
    fixture.reset("alice");
    rooms.addMember(carol, room, user("bob"), EMPLOYEE, RoomRole.VIEWER);

    assertThat(rooms.open(bob, room).members()).hasSize(3);
  }

  @Test
  void logRecordingAnotherKeyForTheReader_isRefusedByThatReader() {
    // An operator with Alice's signing key adds Bob with keys it made (a lab's "bob"), so that
    // room keys get wrapped to them. Bob, reading the log, sees a key for him that is not his.
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    KeySession impostor = lab.activate("bob");
    assertThat(impostor.keyVersion()).isEqualTo(bob.keyVersion());
    MembershipEntry forged = Forgery.appended(alice, fixture.log(room), MembershipAction.ADD,
        user("bob"), RoomRole.EDITOR, 1, MemberKey.of(impostor.publicKeys()));
    fixture.storage.views().log = log -> Forgery.plus(log, forged);
    fixture.memory.rooms().putMember(
        new RoomMember(room, user("bob"), RoomRole.EDITOR, fixture.clock.instant()));

    assertThatThrownBy(() -> rooms.open(bob, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("records another key for bob than their own");
  }

  /** Serves the lab's record of {@code user} and {@code version} as a RETIRED row. */
  private void plant(UserId user, KeyVersion version) {
    KeyRecord row = lab.memory.keys().find(user, version).orElseThrow()
        .withState(KeyState.RETIRED);
    fixture.storage.views().keyRows.put(new OperatorKeyStore.Row(user, version), row);
  }

  @ParameterizedTest(name = "Bob pinned Carol before: {0}")
  @ValueSource(booleans = {true, false})
  void forgedRootVouchedForByPlantedSignerKeys_isRefused(boolean bobPinnedCarol) {
    // Bob knows Alice only by her version 2. The operator forges a room rooted in a planted
    // version 1 of Alice, in which a planted Carol adds Bob: that entry is no voucher, whether
    // Bob's pin of Carol names her real keys or Bob meets her real keys now, on first use.
    KeySession carol = fixture.activate("carol");
    if (bobPinnedCarol) {
      fixture.secuPass().reverify(bob, user("carol"), carol.fingerprint());
    }
    KeySession alice2 = fixture.reset("alice");
    fixture.secuPass().reverify(bob, user("alice"), alice2.fingerprint());
    KeySession forgedAlice = lab.activate("alice");
    KeySession forgedCarol = lab.activate("carol");
    plant(forgedAlice.user(), forgedAlice.keyVersion());
    plant(forgedCarol.user(), forgedCarol.keyVersion());
    bobInTheLab();
    DataRooms labRooms = lab.rooms();
    RoomId forged = labRooms.create(RoomFixture.employee(forgedAlice), forgedAlice, "Payroll");
    labRooms.addMember(forgedAlice, forged, user("carol"), EMPLOYEE, RoomRole.MANAGER);
    labRooms.addMember(forgedCarol, forged, user("bob"), EMPLOYEE, RoomRole.EDITOR);
    copyIntoTheRealStore(forged);

    assertThatThrownBy(() -> rooms.open(bob, forged))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("never verified");
  }

  /** A room created in the lab by {@code creator}, Bob an editor, copied into the real store. */
  private RoomId forgeRoomWithBob(KeySession creator) {
    bobInTheLab();
    DataRooms labRooms = lab.rooms();
    RoomId room = labRooms.create(RoomFixture.employee(creator), creator, "Payroll");
    labRooms.addMember(creator, room, user("bob"), EMPLOYEE, RoomRole.EDITOR);
    copyIntoTheRealStore(room);
    return room;
  }

  /** Bob's real public keys in the lab's stores and key log, so the lab can add him. */
  private void bobInTheLab() {
    KeyRecord bobRow = fixture.memory.keys().findActive(user("bob")).orElseThrow();
    lab.memory.keys().create(new KeyRecord(bobRow.user(), bobRow.version(), KeyState.ACTIVE,
        bobRow.publicKeys(), bobRow.encryptedPrivateKeys(), bobRow.kdf(), 0,
        bobRow.createdAt()));
    // The lab is the operator's own host: it logs Bob's key in its own key log.
    new KeyLogService(lab.memory, lab.clock, new SecureRandom(), TinkAtRestKey.generate(),
        KeyTransparency.builder().checkpointKey(lab.logKey).build()).append(lab.memory,
        KeyLogEntry.of(KeyLogEntry.Event.ACTIVATION, bobRow.user(), bobRow.version(),
            bobRow.publicKeys()));
  }

  /** Copies the lab's rows of {@code room} into the real store, as the operator can. */
  private void copyIntoTheRealStore(RoomId room) {
    RoomStore from = lab.memory.rooms();
    RoomStore to = fixture.memory.rooms();
    to.create(from.find(room).orElseThrow().withRevision(0));
    for (MembershipEntry entry : from.membershipLog(room)) {
      to.appendMembership(entry);
    }
    for (RoomMember member : from.members(room)) {
      to.putMember(member);
      from.envelopes(room, member.user()).forEach(to::putEnvelope);
    }
  }
}
