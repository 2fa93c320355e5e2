package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.MemberKey;
import dev.secupass.core.internal.rooms.MembershipAction;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A storage operator rewrites the membership log or the member list: every member who reads the
 * room detects it with {@link MembershipLogException} and nothing is changed.
 */
class MembershipTamperTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private KeySession alice;
  private KeySession bob;
  private KeySession carol;
  private KeySession dave;
  private RoomId room;

  /** Log: 0 create (alice), 1 add bob manager, 2 add carol viewer, 3 add dave editor, 4 remove dave. */
  @BeforeEach
  void room() {
    alice = fixture.activate("alice");
    bob = fixture.activate("bob");
    carol = fixture.activate("carol");
    dave = fixture.activate("dave");
    room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    rooms.addMember(bob, room, user("carol"), EMPLOYEE, RoomRole.VIEWER);
    rooms.addMember(alice, room, user("dave"), EMPLOYEE, RoomRole.EDITOR);
    rooms.removeMember(bob, room, user("dave"));
    assertThat(fixture.log(room)).hasSize(5);
  }

  @Test
  void entryInjectedByAnOutsider_isDetected_andNothingChanges() {
    KeySession mallory = fixture.activate("mallory");
    List<MembershipEntry> real = fixture.log(room);
    MembershipEntry forged = Forgery.appended(mallory, real, MembershipAction.ADD,
        user("mallory"), RoomRole.OWNER, 2, MemberKey.of(mallory.publicKeys()));
    fixture.storage.views().log = log -> Forgery.plus(log, forged);
    fixture.storage.real().rooms().putMember(
        new RoomMember(room, user("mallory"), RoomRole.OWNER, fixture.clock.instant()));

    assertDetectedByEveryoneAndNothingChanges(5);
  }

  @Test
  void entrySignedByAViewer_isDetected() {
    List<MembershipEntry> real = fixture.log(room);
    MembershipEntry forged = Forgery.appended(carol, real, MembershipAction.ADD,
        user("mallory"), RoomRole.VIEWER, 2, null);
    fixture.storage.views().log = log -> Forgery.plus(log, forged);
    fixture.storage.real().rooms().putMember(
        new RoomMember(room, user("mallory"), RoomRole.VIEWER, fixture.clock.instant()));

    assertThatThrownBy(() -> rooms.open(alice, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("does not manage the members");
  }

  @Test
  void reorderedEntries_areDetected() {
    fixture.storage.views().log = log -> Forgery.swapped(log, 2, 3);

    assertDetectedByEveryoneAndNothingChanges(5);
  }

  @Test
  void removedMembersAddEntryReplayedAtTheEnd_isDetected() {
    fixture.storage.views().log = log -> Forgery.plus(log, Forgery.renumbered(log.get(3), 5));
    fixture.storage.real().rooms().putMember(
        new RoomMember(room, user("dave"), RoomRole.EDITOR, fixture.clock.instant()));

    assertDetectedByEveryoneAndNothingChanges(5);
  }

  @Test
  void removedMemberRestoredInTheMemberList_isDetected() {
    fixture.storage.real().rooms().putMember(
        new RoomMember(room, user("dave"), RoomRole.EDITOR, fixture.clock.instant()));

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("member list differs");
    assertDetectedByEveryoneAndNothingChanges(5);
  }

  @Test
  void removalEntryDropped_isDetectedByTheEpochAndByMembersWhoSawIt() {
    rooms.open(carol, room);
    fixture.storage.views().log = log -> new ArrayList<>(log.subList(0, 4));

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("rolled back");
    // A member who never saw the later log still sees the stored epoch disagree.
    assertThatThrownBy(() -> fixture.rooms().open(bob, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("epoch");
  }

  @Test
  void consistentRollbackOfLogRoomAndMembers_isDetectedByAMemberWhoSawTheLaterLog() {
    rooms.open(carol, room);
    fixture.storage.views().log = log -> new ArrayList<>(log.subList(0, 4));
    fixture.storage.views().room = stored -> stored.withEpoch(1);
    fixture.storage.real().rooms().putMember(
        new RoomMember(room, user("dave"), RoomRole.EDITOR, fixture.clock.instant()));

    assertThatThrownBy(() -> rooms.open(carol, room))
        .isInstanceOf(MembershipLogException.class)
        .hasMessageContaining("rolled back");
  }

  @Test
  void alteredByteInAnyEntry_isDetected() {
    for (int i = 0; i < 5; i++) {
      int index = i;
      fixture.storage.views().log = log -> {
        List<MembershipEntry> out = new ArrayList<>(log);
        byte[] bytes = log.get(index).entry();
        bytes[bytes.length / 2] ^= 1;
        out.set(index, new MembershipEntry(room, index, bytes, log.get(index).createdAt()));
        return out;
      };
      assertThatThrownBy(() -> fixture.rooms().open(carol, room))
          .as("entry %d altered", index)
          .isInstanceOf(MembershipLogException.class);
    }
  }

  @Test
  void envelopeOfAKeyTheLogDoesNotCommitTo_isRefused() {
    // Dave, removed, kept his recorded key; he (with the operator) wraps a key he knows to Carol
    // as if it were epoch 2's, hoping she encrypts new files under it.
    try (SymmetricKey known = SymmetricKey.generate(new SecureRandom())) {
      byte[] envelope = dave.sealEnvelope(known, carol.publicKeys(),
          EnvelopeContext.roomEpoch(room, 2));
      fixture.storage.real().rooms().putEnvelope(new RoomEnvelope(room, 2, user("carol"),
          carol.keyVersion(), user("dave"), envelope, fixture.clock.instant()));
    }

    fixture.upload(rooms, alice, room, null, "x", new byte[1]);
    assertThatThrownBy(() -> rooms.list(carol, room, null)).isInstanceOf(IntegrityException.class);
    rooms.changeRole(alice, room, user("carol"), RoomRole.EDITOR);
    assertThatThrownBy(() -> fixture.upload(rooms, carol, room, null, "y", new byte[1]))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("commits to");
  }

  private void assertDetectedByEveryoneAndNothingChanges(int realEntries) {
    for (KeySession member : List.of(alice, bob, carol)) {
      assertThatThrownBy(() -> fixture.rooms().open(member, room))
          .isInstanceOf(MembershipLogException.class);
    }
    assertThatThrownBy(() -> rooms.addMember(alice, room, user("erin"), EMPLOYEE,
        RoomRole.VIEWER)).isInstanceOf(MembershipLogException.class);
    assertThatThrownBy(() -> rooms.removeMember(alice, room, user("carol")))
        .isInstanceOf(MembershipLogException.class);
    assertThatThrownBy(() -> fixture.upload(rooms, alice, room, null, "x", new byte[1]))
        .isInstanceOf(MembershipLogException.class);
    assertThat(fixture.log(room)).hasSize(realEntries);
    assertThat(fixture.memory.rooms().envelopesOfEpoch(room, 2)).extracting(e -> e.member())
        .containsExactlyInAnyOrder(user("alice"), user("bob"), user("carol"));
  }
}
