package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.events.RoomAccessGranted;
import dev.secupass.core.events.RoomInvitation;
import dev.secupass.core.events.RoomMemberRemoved;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.testing.Streams;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.RoomEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataRoomsLifecycleTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();

  @Test
  void wholeLifecycle_createAddUploadGrantRemoveRotateReencrypt() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Due diligence");

    // Bob has a SecuPass: he gets the key at once. Carol has none: her grant waits.
    assertThat(rooms.addMember(alice, room, user("bob"), PrincipalKind.PARTNER, RoomRole.EDITOR))
        .isEqualTo(MemberAccess.GRANTED);
    assertThat(rooms.addMember(alice, room, user("carol"), EMPLOYEE, RoomRole.VIEWER))
        .isEqualTo(MemberAccess.QUEUED);
    assertThat(rooms.roomsOf(user("bob"))).containsExactly(new RoomSummary(room,
        RoomRole.EDITOR));

    // Bob, an editor, makes a folder and uploads a file spanning many segments.
    RoomItem folder = rooms.createFolder(bob, room, null, "Contracts");
    byte[] offer = Streams.pattern(RoomFixture.SEGMENT * 20 + 7);
    RoomItem file = fixture.upload(rooms, bob, room, folder.id(), "offer.pdf", offer);
    assertThat(file.size()).isEqualTo(offer.length);
    assertThat(file.epoch()).isEqualTo(1);

    RoomDetails details = rooms.open(alice, room);
    assertThat(details.name()).isEqualTo("Due diligence");
    assertThat(details.members()).containsExactly(
        new RoomMemberInfo(Person.of(user("alice")), RoomRole.OWNER, false),
        new RoomMemberInfo(Person.of(user("bob")), RoomRole.EDITOR, false),
        new RoomMemberInfo(Person.of(user("carol")), RoomRole.VIEWER, true));
    assertThat(rooms.list(alice, room, null)).extracting(RoomItem::name)
        .containsExactly("Contracts");
    assertThat(rooms.list(alice, room, folder.id())).extracting(RoomItem::name)
        .containsExactly("offer.pdf");
    assertThat(read(rooms.download(alice, room, file.id()))).isEqualTo(offer);
    assertThat(read(rooms.download(alice, room, file.id(), 100, 300)))
        .isEqualTo(java.util.Arrays.copyOfRange(offer, 100, 400));

    // Carol activates; the grant becomes ready and Alice's open session, an owner's, fulfils it.
    KeySession carol = fixture.activate("carol");
    assertThat(read(rooms.download(carol, room, file.id()))).isEqualTo(offer);
    assertThat(fixture.memory.grants().forRecipient(user("carol")))
        .extracting(g -> g.state()).containsExactly(GrantState.DONE);
    assertThat(rooms.open(carol, room).members()).allMatch(m -> !m.awaitingKey());

    // Removing Bob starts epoch 2; his envelopes go; new files are under epoch 2.
    rooms.removeMember(alice, room, user("bob"));
    assertThat(fixture.memory.rooms().envelopes(room, user("bob"))).isEmpty();
    assertThat(rooms.open(carol, room).epoch()).isEqualTo(2);
    byte[] minutes = "minutes of the board".getBytes(StandardCharsets.UTF_8);
    RoomItem later = fixture.upload(rooms, alice, room, folder.id(), "minutes.txt", minutes);
    assertThat(later.epoch()).isEqualTo(2);
    assertThat(read(rooms.download(carol, room, later.id()))).isEqualTo(minutes);
    assertThatThrownBy(() -> rooms.download(bob, room, later.id()))
        .isInstanceOf(NotPermittedException.class);
    assertThat(rooms.roomsOf(user("bob"))).isEmpty();

    // The job re-encrypts what epoch 1 wrote; the old blob is gone, the content the same.
    RoomEntry before = fixture.memory.rooms().findEntry(room, file.id()).orElseThrow();
    ReencryptionProgress progress = rooms.reencryptOlderEntries(alice, room, 100);
    assertThat(progress.reencrypted()).isEqualTo(2);
    assertThat(progress.complete()).isTrue();
    RoomEntry after = fixture.memory.rooms().findEntry(room, file.id()).orElseThrow();
    assertThat(after.epoch()).isEqualTo(2);
    assertThat(after.blob()).isNotEqualTo(before.blob());
    assertThat(fixture.blobs.stat(before.blob())).isEmpty();
    assertThat(read(rooms.download(carol, room, file.id()))).isEqualTo(offer);
    assertThat(fixture.memory.rooms().entries(room, PageRequest.first(10)).items())
        .allMatch(e -> e.epoch() == 2);
    assertThat(rooms.reencryptOlderEntries(alice, room, 100).reencrypted()).isZero();

    // Rename, move to the top, delete.
    assertThat(rooms.rename(alice, room, later.id(), "board minutes.txt").name())
        .isEqualTo("board minutes.txt");
    rooms.move(alice, room, later.id(), null);
    assertThat(rooms.list(carol, room, null)).extracting(RoomItem::name)
        .containsExactly("Contracts", "board minutes.txt");
    RoomEntry moved = fixture.memory.rooms().findEntry(room, later.id()).orElseThrow();
    rooms.delete(alice, room, later.id());
    assertThat(fixture.blobs.stat(moved.blob())).isEmpty();
    assertThat(rooms.list(carol, room, null)).extracting(RoomItem::name)
        .containsExactly("Contracts");

    // The host was told: added (granted / queued), grant ready (to the owner), access granted,
    // removed.
    String[] everyone = {"alice", "bob", "carol"};
    List<RoomInvitation> invitations = fixture.events(RoomInvitation.class, everyone);
    assertThat(invitations).extracting(e -> e.audience().user())
        .containsExactly(user("bob"), user("carol"));
    assertThat(invitations.get(0).audience().knownKind()).contains(PrincipalKind.PARTNER);
    assertThat(invitations.get(0)).extracting(RoomInvitation::role,
        RoomInvitation::secuPassRequired).containsExactly(RoomRole.EDITOR, false);
    assertThat(invitations.get(1)).extracting(RoomInvitation::room, e -> e.by().user(),
        RoomInvitation::role, RoomInvitation::secuPassRequired)
        .containsExactly(room, user("alice"), RoomRole.VIEWER, true);
    assertThat(fixture.events(GrantReady.class, everyone))
        .extracting(e -> e.audience().user(), GrantReady::room, e -> e.recipient().user())
        .containsExactly(tuple(user("alice"), room, user("carol")));
    assertThat(fixture.events(RoomAccessGranted.class, everyone))
        .extracting(e -> e.audience().user(), e -> e.by().user())
        .containsExactly(tuple(user("carol"), user("alice")));
    assertThat(fixture.events(RoomMemberRemoved.class, everyone))
        .extracting(e -> e.audience().user(), RoomMemberRemoved::room)
        .containsExactly(tuple(user("bob"), room));
  }

  @Test
  void memberWithoutSecuPass_isGrantedByAnOpenManagerSessionAsSoonAsTheyActivate() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Board");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    assertThat(rooms.addMember(bob, room, user("carol"), EMPLOYEE, RoomRole.VIEWER))
        .isEqualTo(MemberAccess.QUEUED);
    RoomItem file = fixture.upload(rooms, alice, room, null, "agenda", new byte[] {7, 7});

    KeySession carol = fixture.activate("carol");

    assertThat(read(rooms.download(carol, room, file.id()))).containsExactly(7, 7);
    assertThat(fixture.memory.grants().forRecipient(user("carol")))
        .extracting(g -> g.state()).containsExactly(GrantState.DONE);
    assertThat(fixture.log(room)).hasSize(4);
  }

  @Test
  void changeRole_promotedViewerMayUploadAndDemotedEditorMayNot() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Board");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.VIEWER);
    assertThatThrownBy(() -> fixture.upload(rooms, bob, room, null, "x", new byte[1]))
        .isInstanceOf(NotPermittedException.class);

    rooms.changeRole(alice, room, user("bob"), RoomRole.EDITOR);
    fixture.upload(rooms, bob, room, null, "x", new byte[1]);
    rooms.changeRole(alice, room, user("bob"), RoomRole.VIEWER);

    assertThatThrownBy(() -> rooms.createFolder(bob, room, null, "y"))
        .isInstanceOf(NotPermittedException.class);
    assertThat(rooms.open(bob, room).role()).isEqualTo(RoomRole.VIEWER);
  }

  @Test
  void emptyFileAndExactSegmentMultiples_roundTrip() {
    KeySession alice = fixture.activate("alice");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Sizes");
    for (int size : new int[] {0, 1, RoomFixture.SEGMENT, RoomFixture.SEGMENT * 3}) {
      byte[] content = Streams.pattern(size);
      RoomItem item = fixture.upload(rooms, alice, room, null, "f" + size, content);
      assertThat(read(rooms.download(alice, room, item.id()))).isEqualTo(content);
    }
  }

  @Test
  void uploadOfKnownSize_isWrittenAsABlobOfItsExactCiphertextSize() {
    KeySession alice = fixture.activate("alice");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Known sizes");
    for (int size : new int[] {0, 1, RoomFixture.SEGMENT * 3 + 5}) {
      byte[] content = Streams.pattern(size);
      RoomItem item = rooms.upload(alice, room, null, "f" + size, Streams.source(content), size);

      assertThat(item.size()).isEqualTo(size);
      assertThat(read(rooms.download(alice, room, item.id()))).isEqualTo(content);
    }
    assertThat(fixture.blobs.declaredSizes()).hasSize(3).allSatisfy((blob, size) ->
        assertThat(fixture.blobs.stat(blob)).hasValueSatisfying(info ->
            assertThat(info.size()).isEqualTo(size)));
  }


  @Test
  void roomsOf_manyRooms_isOneStoreQueryWithTheRoles() {
    KeySession alice = fixture.activate("alice");
    fixture.activate("bob").close();
    List<RoomSummary> expected = new java.util.ArrayList<>();
    for (RoomRole role : RoomRole.values()) {
      RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Room " + role);
      if (role != RoomRole.OWNER) {
        rooms.addMember(alice, room, user("bob"), EMPLOYEE, role);
        expected.add(new RoomSummary(room, role));
      }
    }
    fixture.storage.views().calls.clear();

    assertThat(rooms.roomsOf(user("bob"))).containsExactlyInAnyOrderElementsOf(expected);

    assertThat(fixture.storage.views().calls).containsOnlyKeys("roomsOf");
    assertThat(fixture.storage.views().calls.get("roomsOf")).hasValue(1);
  }

  @Test
  void list_folderOfABigRoom_readsOnlyThatFolder() {
    KeySession alice = fixture.activate("alice");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Big");
    RoomItem small = rooms.createFolder(alice, room, null, "Small");
    RoomItem big = rooms.createFolder(alice, room, null, "Big");
    for (int i = 0; i < 30; i++) {
      rooms.createFolder(alice, room, big.id(), "f" + i);
    }
    rooms.createFolder(alice, room, small.id(), "only");
    fixture.storage.views().calls.clear();

    assertThat(rooms.list(alice, room, small.id())).extracting(RoomItem::name)
        .containsExactly("only");
    assertThat(fixture.storage.views().calls).doesNotContainKey("entries");
    assertThat(fixture.storage.views().calls.get("entriesIn")).hasValue(1);
  }
}
