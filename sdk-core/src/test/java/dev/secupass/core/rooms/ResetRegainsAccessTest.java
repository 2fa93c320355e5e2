package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SessionClosedException;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.internal.keys.KeySession;
import org.junit.jupiter.api.Test;

/**
 * A member who resets a forgotten SecuPass gets their room access back through the grant queue:
 * the reset queues a room grant, an owner or manager re-verifies the new key's fingerprint, and
 * their session wraps every epoch's key to it and records the key in the membership log. Entries
 * signed with the retired key still verify, for old and new members alike.
 */
class ResetRegainsAccessTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();

  @Test
  void managerResets_regainsAccessAfterAnOwnerReverifies_andActsWithTheNewKey() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    fixture.activate("carol").close();
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    rooms.addMember(bob, room, user("carol"), EMPLOYEE, RoomRole.VIEWER);
    RoomItem file = fixture.upload(rooms, alice, room, null, "terms", new byte[] {1, 2, 3});
    rooms.removeMember(alice, room, user("carol"));

    KeySession bob2 = fixture.reset("bob");
    assertThatThrownBy(() -> rooms.download(bob2, room, file.id()))
        .isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> rooms.list(bob, room, null))
        .isInstanceOf(SessionClosedException.class);
    assertThat(fixture.events(GrantReady.class, "alice")).extracting(GrantReady::room)
        .contains(room);

    // Alice pinned Bob's old key: his new one waits for her to compare fingerprints.
    GrantRun refused = fixture.grants().fulfil(alice);
    assertThat(refused.fulfilled()).isEmpty();
    assertThat(refused.keyChanges()).extracting(change -> change.recipient().user())
        .containsExactly(user("bob"));
    assertThat(fixture.secuPass().reverify(alice, user("bob"), bob2.fingerprint()).fulfilled())
        .hasSize(1);

    assertThat(read(rooms.download(bob2, room, file.id()))).containsExactly(1, 2, 3);
    assertThat(rooms.open(bob2, room).epoch()).isEqualTo(2);
    // With his new key Bob adds Dave; Dave verifies the whole history, including the entry Bob
    // signed with his retired key.
    KeySession dave = fixture.activate("dave");
    assertThat(rooms.addMember(bob2, room, user("dave"), EMPLOYEE, RoomRole.VIEWER))
        .isEqualTo(MemberAccess.GRANTED);
    assertThat(fixture.rooms().open(dave, room).members()).extracting(RoomMemberInfo::user)
        .containsExactly(user("alice"), user("bob"), user("dave"));
    assertThat(read(rooms.download(dave, room, file.id()))).containsExactly(1, 2, 3);
  }

  @Test
  void creatorResets_theRoomStaysVerifiable_andAManagerGivesAccessBack() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    RoomItem file = fixture.upload(rooms, bob, room, null, "notes", new byte[] {9});

    KeySession alice2 = fixture.reset("alice");
    assertThat(fixture.secuPass().reverify(bob, user("alice"), alice2.fingerprint())
        .fulfilled()).hasSize(1);

    assertThat(read(rooms.download(alice2, room, file.id()))).containsExactly(9);
    assertThat(fixture.rooms().open(bob, room).createdBy()).isEqualTo(user("alice"));
    KeySession erin = fixture.activate("erin");
    rooms.addMember(alice2, room, user("erin"), EMPLOYEE, RoomRole.VIEWER);
    assertThat(read(fixture.rooms().download(erin, room, file.id()))).containsExactly(9);
  }
}
