package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.core.events.EventTypes;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.Streams;
import dev.secupass.spi.Event;
import dev.secupass.spi.GrantState;
import dev.secupass.api.PageRequest;
import dev.secupass.spi.RoomEntry;
import dev.secupass.api.RoomRole;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataRoomsLifecycleTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();

  @Test
  void wholeLifecycle_createAddUploadGrantRemoveRotateReencrypt() {
    SecuPassSession alice = fixture.activate("alice");
    SecuPassSession bob = fixture.activate("bob");
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
        new RoomMemberInfo(user("alice"), RoomRole.OWNER, false),
        new RoomMemberInfo(user("bob"), RoomRole.EDITOR, false),
        new RoomMemberInfo(user("carol"), RoomRole.VIEWER, true));
    assertThat(rooms.list(alice, room, null)).extracting(RoomItem::name)
        .containsExactly("Contracts");
    assertThat(rooms.list(alice, room, folder.id())).extracting(RoomItem::name)
        .containsExactly("offer.pdf");
    assertThat(read(rooms.download(alice, room, file.id()))).isEqualTo(offer);
    assertThat(read(rooms.download(alice, room, file.id(), 100, 300)))
        .isEqualTo(java.util.Arrays.copyOfRange(offer, 100, 400));

    // Carol activates; the grant becomes ready; Alice's next unlock fulfils it.
    SecuPassSession carol = fixture.activate("carol");
    assertThatThrownBy(() -> rooms.download(carol, room, file.id()))
        .isInstanceOf(NotPermittedException.class);
    assertThat(fixture.grants.fulfil(alice).fulfilled()).hasSize(1);
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
    assertThat(events(RoomEventTypes.MEMBER_ADDED)).extracting(e -> e.audience().value())
        .containsExactly("bob", "carol");
    assertThat(EventPayload.decode(events(RoomEventTypes.MEMBER_ADDED).get(1).payload()).clear())
        .containsEntry(RoomEventTypes.ROOM, room.value())
        .containsEntry(RoomEventTypes.BY, "alice")
        .containsEntry(RoomEventTypes.ACCESS, "queued");
    assertThat(events(EventTypes.GRANT_READY)).extracting(e -> e.audience().value())
        .containsExactly("alice");
    assertThat(events(RoomEventTypes.ACCESS_GRANTED)).extracting(e -> e.audience().value())
        .containsExactly("carol");
    assertThat(events(RoomEventTypes.MEMBER_REMOVED)).extracting(e -> e.audience().value())
        .containsExactly("bob");
  }

  @Test
  void memberWithoutSecuPass_isGrantedByAnOpenManagerSessionAsSoonAsTheyActivate() {
    SecuPassSession alice = fixture.activate("alice");
    SecuPassSession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Board");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.MANAGER);
    assertThat(rooms.addMember(bob, room, user("carol"), EMPLOYEE, RoomRole.VIEWER))
        .isEqualTo(MemberAccess.QUEUED);
    RoomItem file = fixture.upload(rooms, alice, room, null, "agenda", new byte[] {7, 7});
    fixture.grants.register(bob);

    SecuPassSession carol = fixture.activate("carol");

    assertThat(read(rooms.download(carol, room, file.id()))).containsExactly(7, 7);
    assertThat(fixture.memory.grants().forRecipient(user("carol")))
        .extracting(g -> g.state()).containsExactly(GrantState.DONE);
    assertThat(fixture.log(room)).hasSize(4);
  }

  @Test
  void changeRole_promotedViewerMayUploadAndDemotedEditorMayNot() {
    SecuPassSession alice = fixture.activate("alice");
    SecuPassSession bob = fixture.activate("bob");
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
    SecuPassSession alice = fixture.activate("alice");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Sizes");
    for (int size : new int[] {0, 1, RoomFixture.SEGMENT, RoomFixture.SEGMENT * 3}) {
      byte[] content = Streams.pattern(size);
      RoomItem item = fixture.upload(rooms, alice, room, null, "f" + size, content);
      assertThat(read(rooms.download(alice, room, item.id()))).isEqualTo(content);
    }
  }

  @Test
  void uploadOfKnownSize_isWrittenAsABlobOfItsExactCiphertextSize() {
    SecuPassSession alice = fixture.activate("alice");
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

  private List<Event> events(String type) {
    return fixture.memory.events().pending(100).stream().filter(e -> e.type().equals(type))
        .toList();
  }
}
