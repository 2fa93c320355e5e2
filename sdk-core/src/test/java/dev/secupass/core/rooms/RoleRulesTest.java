package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.RoomAudit;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.GuestAccount;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Acting beyond one's role is refused with a typed error, audited, and changes nothing. */
class RoleRulesTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private KeySession owner;
  private KeySession manager;
  private KeySession editor;
  private KeySession viewer;
  private RoomId room;
  private RoomItem file;

  @BeforeEach
  void room() {
    owner = fixture.activate("owner");
    manager = fixture.activate("manager");
    editor = fixture.activate("editor");
    viewer = fixture.activate("viewer");
    fixture.activate("outsider").close();
    room = rooms.create(RoomFixture.employee(owner), owner, "Roles");
    rooms.addMember(owner, room, user("manager"), EMPLOYEE, RoomRole.MANAGER);
    rooms.addMember(manager, room, user("editor"), EMPLOYEE, RoomRole.EDITOR);
    rooms.addMember(manager, room, user("viewer"), EMPLOYEE, RoomRole.VIEWER);
    file = fixture.upload(rooms, editor, room, null, "report", new byte[] {1, 2, 3});
  }

  @Test
  void viewer_mayReadButNotWrite() {
    assertThat(rooms.list(viewer, room, null)).hasSize(1);
    assertRefused(() -> fixture.upload(rooms, viewer, room, null, "x", new byte[1]));
    assertRefused(() -> rooms.createFolder(viewer, room, null, "x"));
    assertRefused(() -> rooms.rename(viewer, room, file.id(), "x"));
    assertRefused(() -> rooms.delete(viewer, room, file.id()));
    assertRefused(() -> rooms.reencryptOlderEntries(viewer, room, 1));
    assertRefused(() -> rooms.renameRoom(viewer, room, "x"));
    assertThat(rooms.item(owner, room, file.id()).name()).isEqualTo("report");
  }

  @Test
  void editor_mayWriteButNotChangeMembership() {
    rooms.rename(editor, room, file.id(), "renamed");
    assertRefused(() -> rooms.addMember(editor, room, user("outsider"), EMPLOYEE,
        RoomRole.VIEWER));
    assertRefused(() -> rooms.removeMember(editor, room, user("viewer")));
    assertRefused(() -> rooms.changeRole(editor, room, user("viewer"), RoomRole.EDITOR));
    assertRefused(() -> rooms.renameRoom(editor, room, "x"));
  }

  @Test
  void ownerAndManager_mayRenameTheRoom() {
    rooms.renameRoom(manager, room, "Renamed by the manager");
    assertThat(rooms.open(viewer, room).name()).isEqualTo("Renamed by the manager");
    rooms.renameRoom(owner, room, "Renamed by the owner");
    assertThat(rooms.open(editor, room).name()).isEqualTo("Renamed by the owner");
  }

  @Test
  void manager_mayNotMakeRemoveOrDemoteOwners() {
    assertRefused(() -> rooms.addMember(manager, room, user("outsider"), EMPLOYEE,
        RoomRole.OWNER));
    assertRefused(() -> rooms.removeMember(manager, room, user("owner")));
    assertRefused(() -> rooms.changeRole(manager, room, user("owner"), RoomRole.VIEWER));
    assertRefused(() -> rooms.changeRole(manager, room, user("editor"), RoomRole.OWNER));
    rooms.changeRole(manager, room, user("editor"), RoomRole.MANAGER);
    rooms.removeMember(manager, room, user("viewer"));
  }

  @Test
  void nobody_removesThemselvesOrDemotesTheLastOwner() {
    assertRefused(() -> rooms.removeMember(manager, room, user("manager")));
    assertRefused(() -> rooms.removeMember(owner, room, user("owner")));
    assertRefused(() -> rooms.changeRole(owner, room, user("owner"), RoomRole.MANAGER));
    rooms.changeRole(owner, room, user("manager"), RoomRole.OWNER);
    rooms.changeRole(owner, room, user("owner"), RoomRole.MANAGER);
    assertThat(rooms.open(owner, room).role()).isEqualTo(RoomRole.MANAGER);
  }

  @Test
  void guests_cannotBeMembersOrCreateRooms() {
    assertRefused(() -> rooms.addMember(owner, room, user("guest"), PrincipalKind.GUEST,
        RoomRole.VIEWER));
    fixture.memory.guests().create(new GuestAccount(user("outsider"), "o@example.com", null,
        new byte[0], fixture.clock.instant(), 0));
    assertRefused(() -> rooms.addMember(owner, room, user("outsider"), EMPLOYEE,
        RoomRole.VIEWER));
    assertThatThrownBy(() -> rooms.create(new SignedInUser(user("outsider"),
        PrincipalKind.GUEST), fixture.unlock("outsider"), "mine"))
        .isInstanceOf(NotPermittedException.class);
  }

  @Test
  void outsider_cannotOpenListOrDownload() {
    KeySession outsider = fixture.unlock("outsider");
    assertRefused(() -> rooms.open(outsider, room));
    assertRefused(() -> rooms.list(outsider, room, null));
    assertRefused(() -> rooms.download(outsider, room, file.id()));
  }

  @Test
  void pointlessChanges_haveTheirOwnTypedErrors() {
    assertThatThrownBy(() -> rooms.addMember(owner, room, user("viewer"), EMPLOYEE,
        RoomRole.VIEWER)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> rooms.removeMember(owner, room, user("outsider")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> rooms.changeRole(owner, room, user("viewer"), RoomRole.VIEWER))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void refusals_areAudited() {
    assertRefused(() -> rooms.addMember(editor, room, user("outsider"), EMPLOYEE,
        RoomRole.VIEWER));
    assertThat(fixture.memory.audit().forTarget(RoomAudit.target(room, null),
        PageRequest.first(100)).items())
        .filteredOn(e -> e.outcome().equals(RoomAudit.NOT_PERMITTED))
        .extracting(AuditEntry::action, e -> e.actor().value())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("room.member.add", "editor"));
  }

  /** NotPermitted, and the log, members and entries are as before. */
  private void assertRefused(ThrowingCallable call) {
    int log = fixture.log(room).size();
    int members = fixture.memory.rooms().members(room).size();
    int entries = fixture.memory.rooms().entries(room, PageRequest.first(100)).items().size();
    int blobs = fixture.blobs.committed().size();
    var stored = fixture.memory.rooms().find(room).orElseThrow();
    assertThatThrownBy(call).isInstanceOf(NotPermittedException.class);
    assertThat(fixture.memory.rooms().find(room)).contains(stored);
    assertThat(fixture.log(room)).hasSize(log);
    assertThat(fixture.memory.rooms().members(room)).hasSize(members);
    assertThat(fixture.memory.rooms().entries(room, PageRequest.first(100)).items())
        .hasSize(entries);
    assertThat(fixture.blobs.committed()).hasSize(blobs);
  }
}
