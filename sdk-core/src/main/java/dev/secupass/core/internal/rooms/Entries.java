package dev.secupass.core.internal.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.Storage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Reading and sealing room entries with a member's keys. */
final class Entries {
  private Entries() {}

  static RoomEntry require(Storage storage, RoomId room, FileId id) {
    return storage.rooms().findEntry(room, id)
        .orElseThrow(() -> new NotFoundException("no entry " + id + " in room " + room));
  }

  static RoomEntry requireFile(Storage storage, RoomId room, FileId id) {
    RoomEntry entry = require(storage, room, id);
    if (entry.kind() != RoomEntry.Kind.FILE) {
      throw new NotFoundException("entry " + id + " of room " + room + " is a folder, not a file");
    }
    return entry;
  }

  /** Checks that {@code folder} is a folder of the room; {@code null} (the top) always is. */
  static void requireFolder(Storage storage, RoomId room, @Nullable FileId folder) {
    if (folder != null && require(storage, room, folder).kind() != RoomEntry.Kind.FOLDER) {
      throw new NotFoundException("entry " + folder + " of room " + room
          + " is a file, not a folder");
    }
  }

  /**
   * The entry's sealed metadata, opened and checked against its clear fields; a signed entry
   * (version 2) also against its writer's signature and role ({@link SignedEntries#verify}).
   */
  static EntryMetadata metadata(RoomContext context, Keyring keys, RoomEntry entry) {
    RoomCiphers.SealedEntry opened = context.ciphers().openEntry(keys.epoch(entry.epoch()),
        entry.room(), entry.id(), entry.epoch(), entry.name());
    if (opened.version() == SealedFormat.SIGNED) {
      return SignedEntries.verify(opened.plaintext(), entry, keys.state(),
          context.storage().keys());
    }
    return EntryMetadata.decode(opened.plaintext()).checkAgainst(entry);
  }

  /**
   * The file's content key, unwrapped with the key of its epoch and, for a signed entry, checked
   * against the commitment its writer signed; held by {@code keys}.
   */
  static SymmetricKey fileKey(RoomContext context, Keyring keys, RoomEntry file,
      EntryMetadata metadata) {
    return keys.hold(unwrapFileKey(context, keys, file, metadata));
  }

  /** As {@link #fileKey}, but the caller closes the key. */
  static SymmetricKey unwrapFileKey(RoomContext context, Keyring keys, RoomEntry file,
      EntryMetadata metadata) {
    SymmetricKey key = context.ciphers().unwrapFileKey(keys.epoch(file.epoch()), file.room(),
        file.id(), file.epoch(), file.header());
    byte[] commitment = metadata.commitment();
    if (commitment.length != 0 && !key.matchesCommitment(commitment)) {
      key.close();
      throw new IntegrityException("the content key of file " + file.id() + " of room "
          + file.room() + " is not the one its writer signed: it was replaced in storage");
    }
    return key;
  }

  static RoomItem item(RoomEntry entry, EntryMetadata metadata) {
    RoomItem.Kind kind = entry.kind() == RoomEntry.Kind.FOLDER
        ? RoomItem.Kind.FOLDER : RoomItem.Kind.FILE;
    return new RoomItem(entry.id(), entry.parent(), kind, metadata.name(), metadata.size(),
        entry.epoch(), entry.createdAt(), metadata.writer());
  }

  /**
   * The entry {@code id} with {@code metadata} (and, for a file, {@code fileKey}) signed by the
   * keyring's member and sealed under the room's current epoch.
   *
   * @param revision the revision it was read at, 0 for a new entry
   */
  static RoomEntry sealed(RoomContext context, Keyring keys, FileId id, EntryMetadata metadata,
      @Nullable SymmetricKey fileKey, Instant createdAt, long revision) {
    RoomId room = keys.state().room();
    int epoch = keys.state().epoch();
    SymmetricKey epochKey = keys.current();
    byte[] statement = SignedEntries.sign(keys.session(), keys.state(), id, metadata,
        fileKey == null ? null : fileKey.commitment());
    byte[] name = context.ciphers().sealSignedEntry(epochKey, room, id, epoch, statement);
    byte[] header = fileKey == null
        ? new byte[0] : context.ciphers().wrapFileKey(epochKey, room, id, epoch, fileKey);
    return new RoomEntry(room, id, metadata.parent(), metadata.kind(), epoch, name,
        metadata.blob(), metadata.size(), header, createdAt, revision);
  }
}
