package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.RoomCiphers;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A removed member who kept every key they ever had (their private keys, every epoch key, every
 * file key) and, with the storage operator's help, every stored byte, cannot read what is written
 * after their removal, nor files the re-encryption job moved to the new epoch.
 */
class RemovedMemberTest {
  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private final RoomCiphers ciphers = new RoomCiphers(new SecureRandom(), RoomFixture.SEGMENT);

  @Test
  void removedMemberWithAllOldKeys_cannotReadNewOrReencryptedFiles() throws Exception {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.EDITOR);
    RoomItem old = fixture.upload(rooms, bob, room, null, "old.txt", bytes("before"));

    // What Bob keeps before he is removed.
    List<SymmetricKey> kept = new ArrayList<>();
    for (RoomEnvelope envelope : fixture.memory.rooms().envelopes(room, user("bob"))) {
      kept.add(bob.openEnvelope(envelope.envelope(), alice.publicKeys(),
          EnvelopeContext.roomEpoch(room, envelope.epoch())));
    }
    RoomEntry oldEntry = entry(room, old.id());
    kept.add(ciphers.unwrapFileKey(kept.get(0), room, old.id(), 1, oldEntry.header()));
    assertThat(ciphers.content(kept.get(1), room, old.id())
        .open(read(fixture.blobs.open(oldEntry.blob())))).isEqualTo(bytes("before"));

    rooms.removeMember(alice, room, user("bob"));
    RoomItem fresh = fixture.upload(rooms, alice, room, null, "new.txt", bytes("after"));
    RoomEntry freshEntry = entry(room, fresh.id());

    assertThatThrownBy(() -> rooms.download(bob, room, fresh.id()))
        .isInstanceOf(NotPermittedException.class);
    assertThat(fixture.memory.rooms().envelopes(room, user("bob"))).isEmpty();
    for (SymmetricKey key : kept) {
      for (int epoch : new int[] {1, 2}) {
        assertThatThrownBy(() -> ciphers.unwrapFileKey(key, room, fresh.id(), epoch,
            freshEntry.header())).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> ciphers.openMetadata(key, room, fresh.id(), epoch,
            freshEntry.name())).isInstanceOf(IntegrityException.class);
      }
      assertThatThrownBy(() -> ciphers.content(key, room, fresh.id())
          .open(read(fixture.blobs.open(freshEntry.blob()))))
          .isInstanceOf(IntegrityException.class);
    }
    for (RoomEnvelope envelope : fixture.memory.rooms().envelopesOfEpoch(room, 2)) {
      assertThatThrownBy(() -> bob.openEnvelope(envelope.envelope(), alice.publicKeys(),
          EnvelopeContext.roomEpoch(room, 2))).isInstanceOf(IntegrityException.class);
    }

    // After the job, the old file's content is under a new key Bob never saw.
    rooms.reencryptOlderEntries(alice, room, 10);
    RoomEntry moved = entry(room, old.id());
    assertThat(moved.epoch()).isEqualTo(2);
    for (SymmetricKey key : kept) {
      assertThatThrownBy(() -> ciphers.content(key, room, old.id())
          .open(read(fixture.blobs.open(moved.blob()))))
          .isInstanceOf(IntegrityException.class);
    }
    assertThat(read(rooms.download(alice, room, old.id()))).isEqualTo(bytes("before"));
    kept.forEach(SymmetricKey::close);
  }

  @Test
  void removedMemberWithAllOldKeys_cannotReadTheRoomsNewName() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.EDITOR);
    rooms.renameRoom(alice, room, "Deal, as Bob knew it");
    List<SymmetricKey> kept = new ArrayList<>();
    for (RoomEnvelope envelope : fixture.memory.rooms().envelopes(room, user("bob"))) {
      kept.add(bob.openEnvelope(envelope.envelope(), alice.publicKeys(),
          EnvelopeContext.roomEpoch(room, envelope.epoch())));
    }
    Room known = fixture.memory.rooms().find(room).orElseThrow();
    assertThat(ciphers.openRoomName(kept.get(0), room, known.nameEpoch(), known.name()))
        .as("a rename while Bob was a member is his to read").isEqualTo("Deal, as Bob knew it");

    rooms.removeMember(alice, room, user("bob"));
    rooms.renameRoom(alice, room, "Project Falcon");
    Room renamed = fixture.memory.rooms().find(room).orElseThrow();

    assertThat(renamed.nameEpoch()).isEqualTo(2);
    assertThat(rooms.open(alice, room).name()).isEqualTo("Project Falcon");
    assertThatThrownBy(() -> rooms.open(bob, room)).isInstanceOf(NotPermittedException.class);
    assertThat(rooms.roomsOf(user("bob"))).isEmpty();
    for (SymmetricKey key : kept) {
      for (int epoch : new int[] {1, 2}) {
        assertThatThrownBy(() -> ciphers.openRoomName(key, room, epoch, renamed.name()))
            .isInstanceOf(IntegrityException.class);
      }
    }
    kept.forEach(SymmetricKey::close);
  }

  @Test
  void fileMovedToAnotherRoom_failsIntegrity_inEveryField() {
    KeySession alice = fixture.activate("alice");
    RoomId first = rooms.create(RoomFixture.employee(alice), alice, "First");
    RoomId second = rooms.create(RoomFixture.employee(alice), alice, "Second");
    RoomItem file = rooms.upload(alice, first, null, "secret.txt",
        new ByteArrayInputStream(bytes("first room only")));
    RoomEntry stored = entry(first, file.id());
    // The operator copies the entry, with the same id, blob and sealed fields, into room two.
    fixture.storage.real().rooms().createEntry(new RoomEntry(second, stored.id(), null,
        stored.kind(), stored.epoch(), stored.name(), stored.blob(), stored.size(),
        stored.header(), stored.createdAt(), 0));

    assertThatThrownBy(() -> rooms.list(alice, second, null))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> rooms.download(alice, second, file.id()))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void entryPointedAtAnotherFilesBlobOrFolder_failsIntegrity() {
    KeySession alice = fixture.activate("alice");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Room");
    RoomItem folder = rooms.createFolder(alice, room, null, "Private");
    RoomItem a = fixture.upload(rooms, alice, room, folder.id(), "a", bytes("aaa"));
    RoomItem b = fixture.upload(rooms, alice, room, null, "b", bytes("bbb"));
    RoomEntry entryB = entry(room, b.id());

    fixture.storage.views().entry = e -> e.id().equals(a.id())
        ? new RoomEntry(e.room(), e.id(), null, e.kind(), e.epoch(), e.name(), e.blob(), e.size(),
            e.header(), e.createdAt(), e.revision())
        : e;
    assertThatThrownBy(() -> rooms.item(alice, room, a.id()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("altered");
    fixture.storage.views().entry = e -> e;

    // The operator lists a file of the top in the folder (its stored parent unchanged).
    fixture.storage.views().folderListing = (folderId, listed) -> folderId == null ? listed
        : java.util.stream.Stream.concat(listed.stream(),
            java.util.stream.Stream.of(entryB)).toList();
    assertThatThrownBy(() -> rooms.list(alice, room, folder.id()))
        .isInstanceOf(IntegrityException.class);
    fixture.storage.views().folderListing = (folderId, listed) -> listed;

    fixture.storage.views().entry = e -> e.id().equals(a.id())
        ? new RoomEntry(e.room(), e.id(), e.parent(), e.kind(), e.epoch(), e.name(),
            entryB.blob(), e.size(), e.header(), e.createdAt(), e.revision())
        : e;
    assertThatThrownBy(() -> rooms.download(alice, room, a.id()))
        .isInstanceOf(IntegrityException.class);
  }

  private RoomEntry entry(RoomId room, FileId id) {
    return fixture.memory.rooms().findEntry(room, id).orElseThrow();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
