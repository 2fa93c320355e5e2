package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SessionClosedException;
import dev.secupass.core.events.RoomInvitation;
import dev.secupass.core.events.RoomMemberRemoved;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.RoomAudit;
import dev.secupass.spi.AuditEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every membership change leaves its trace in the same transaction: an audit line naming who made
 * it, and the event that tells the member. A session whose keys a reset replaced changes nothing.
 */
class MembershipChangesRecordTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();

  private List<AuditEntry> audit(RoomId room) {
    return fixture.memory.audit().forTarget(RoomAudit.target(room, null), PageRequest.first(100))
        .items();
  }

  @Test
  void eachChange_isAuditedWithItsActor_andTellsTheMember() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    assertThat(rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER))
        .isEqualTo(MemberAccess.GRANTED);
    assertThat(rooms.addMember(bob, room, user("carol"), EMPLOYEE, RoomRole.VIEWER))
        .isEqualTo(MemberAccess.QUEUED);
    rooms.changeRole(bob, room, user("carol"), RoomRole.EDITOR);
    rooms.removeMember(alice, room, user("carol"));

    assertThat(audit(room))
        .extracting(e -> e.actor().value(), AuditEntry::action, AuditEntry::outcome)
        .containsExactlyInAnyOrder(
            tuple("alice", "room.create", "ok"),
            tuple("alice", "room.member.add", "ok"),
            tuple("bob", "room.member.add", "ok"),
            tuple("bob", "room.member.role", "ok"),
            tuple("alice", "room.member.remove", "ok"));
    assertThat(fixture.events(RoomInvitation.class, "bob", "carol"))
        .extracting(e -> e.audience().user().value(), e -> e.by().user().value(),
            RoomInvitation::role, RoomInvitation::secuPassRequired)
        .containsExactly(tuple("bob", "alice", RoomRole.MANAGER, false),
            tuple("carol", "bob", RoomRole.VIEWER, true));
    assertThat(fixture.events(RoomMemberRemoved.class, "carol"))
        .extracting(e -> e.room(), e -> e.by().user().value())
        .containsExactly(tuple(room, "alice"));
  }

  @Test
  void sessionWhoseKeysAResetReplaced_changesNoMembership() {
    KeySession alice = fixture.activate("alice");
    fixture.activate("bob").close();
    fixture.activate("carol").close();
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.VIEWER);
    int entries = fixture.log(room).size();
    fixture.reset("alice").close();

    assertThatThrownBy(() -> rooms.addMember(alice, room, user("carol"), EMPLOYEE,
        RoomRole.VIEWER)).isInstanceOf(SessionClosedException.class);
    assertThatThrownBy(() -> rooms.changeRole(alice, room, user("bob"), RoomRole.EDITOR))
        .isInstanceOf(SessionClosedException.class);
    assertThatThrownBy(() -> rooms.removeMember(alice, room, user("bob")))
        .isInstanceOf(SessionClosedException.class);
    assertThatThrownBy(() -> rooms.create(RoomFixture.employee(alice), alice, "Another"))
        .isInstanceOf(SessionClosedException.class);
    assertThat(fixture.memory.rooms().roomsOf(user("alice"))).hasSize(1);
    assertThat(fixture.log(room)).hasSize(entries);
    assertThat(fixture.memory.rooms().members(room)).hasSize(2);
  }
}
