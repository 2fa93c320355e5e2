package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.api.StaleEpochException;
import dev.secupass.core.internal.rooms.RoomAudit;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.AuditEntry;
import dev.secupass.api.PageRequest;
import dev.secupass.spi.Room;
import dev.secupass.api.RoomRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renaming a room: owners and managers only, the new name sealed under the current epoch (also
 * when a removal lands while the rename is prepared), audited, and bound to its room and epoch.
 */
class RoomRenameTest {
  private RoomFixture fixture = new RoomFixture();
  private DataRooms rooms = fixture.rooms();
  private SecuPassSession alice;
  private RoomId room;

  @BeforeEach
  void room() {
    setUp(new RoomFixture());
  }

  /** Alice's room with Bob as manager and Carol as editor, on {@code rooms}' SDK. */
  private void setUp(RoomFixture rooms) {
    this.fixture = rooms;
    this.rooms = rooms.rooms();
    alice = fixture.activate("alice");
    fixture.activate("bob").close();
    fixture.activate("carol").close();
    room = this.rooms.create(RoomFixture.employee(alice), alice, "Due diligence");
    this.rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    this.rooms.addMember(alice, room, user("carol"), EMPLOYEE, RoomRole.EDITOR);
  }

  @Test
  void renameRoom_byManager_isSealedUnderTheCurrentEpochAndAudited() {
    rooms.removeMember(alice, room, user("carol"));
    SecuPassSession bob = fixture.unlock("bob");

    rooms.renameRoom(bob, room, "Project Falcon");

    Room stored = stored();
    assertThat(stored.epoch()).isEqualTo(2);
    assertThat(stored.nameEpoch()).isEqualTo(2);
    assertThat(rooms.open(alice, room).name()).isEqualTo("Project Falcon");
    assertThat(rooms.open(bob, room).name()).isEqualTo("Project Falcon");
    assertThat(fixture.memory.audit().forTarget(RoomAudit.target(room, null),
        PageRequest.first(100)).items())
        .extracting(AuditEntry::action, entry -> entry.actor().value(), AuditEntry::outcome)
        .contains(org.assertj.core.groups.Tuple.tuple("room.rename", "bob", "ok"));
  }

  @Test
  void renameRoom_byEditor_isRefusedAuditedAndChangesNothing() {
    SecuPassSession carol = fixture.unlock("carol");
    Room before = stored();

    assertThatThrownBy(() -> rooms.renameRoom(carol, room, "Mine"))
        .isInstanceOf(NotPermittedException.class);

    assertThat(stored()).isEqualTo(before);
    assertThat(fixture.memory.audit().forTarget(RoomAudit.target(room, null),
        PageRequest.first(100)).items())
        .extracting(AuditEntry::action, entry -> entry.actor().value(), AuditEntry::outcome)
        .contains(org.assertj.core.groups.Tuple.tuple("room.rename", "carol",
            RoomAudit.NOT_PERMITTED));
  }

  @Test
  void renameRoom_invalidName_throwsIllegalArgumentAndChangesNothing() {
    Room before = stored();

    assertThatThrownBy(() -> rooms.renameRoom(alice, room, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rooms.renameRoom(alice, room, "x".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void renameRoom_meetingARemoval_isSealedAgainUnderTheNewEpoch() {
    fixture.storage.beforeNextTransaction(() -> rooms.removeMember(alice, room, user("carol")));

    rooms.renameRoom(alice, room, "After the removal");

    assertThat(stored().nameEpoch()).isEqualTo(2);
    assertThat(rooms.open(alice, room).name()).isEqualTo("After the removal");
  }

  @Test
  void renameRoom_meetingARemovalWithoutRetry_throwsStaleEpochAndChangesNothing() {
    setUp(new RoomFixture(1));
    DataRooms once = rooms;
    fixture.storage.beforeNextTransaction(() -> rooms.removeMember(alice, room, user("carol")));

    assertThatThrownBy(() -> once.renameRoom(alice, room, "Too late"))
        .isInstanceOf(StaleEpochException.class);

    assertThat(stored().nameEpoch()).isEqualTo(1);
    assertThat(rooms.open(alice, room).name()).isEqualTo("Due diligence");
  }

  @Test
  void renameRoom_managerRemovedMeanwhile_isRefusedAndChangesNothing() {
    SecuPassSession bob = fixture.unlock("bob");
    fixture.storage.beforeNextTransaction(() -> rooms.removeMember(alice, room, user("bob")));

    assertThatThrownBy(() -> rooms.renameRoom(bob, room, "Not mine"))
        .isInstanceOf(NotPermittedException.class);

    assertThat(rooms.open(alice, room).name()).isEqualTo("Due diligence");
  }

  @Test
  void storedNameEpochOrNameAltered_failsIntegrity() {
    rooms.removeMember(alice, room, user("carol"));
    rooms.renameRoom(alice, room, "Renamed");
    RoomId other = rooms.create(RoomFixture.employee(alice), alice, "Other room");
    Room otherRoom = fixture.memory.rooms().find(other).orElseThrow();

    fixture.storage.views().room = r -> r.id().equals(room) ? r.withName(r.name(), 1) : r;
    assertThatThrownBy(() -> rooms.open(alice, room)).isInstanceOf(IntegrityException.class);

    fixture.storage.views().room = r -> r.id().equals(room)
        ? r.withName(otherRoom.name(), 1) : r;
    assertThatThrownBy(() -> rooms.open(alice, room)).isInstanceOf(IntegrityException.class);
  }

  private Room stored() {
    return fixture.memory.rooms().find(room).orElseThrow();
  }
}
