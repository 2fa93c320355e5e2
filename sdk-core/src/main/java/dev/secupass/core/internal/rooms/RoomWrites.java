package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.Storage;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What editors, managers and owners change: folders, uploads, renames, moves and deletions. Every
 * entry written is sealed under the room's current epoch; a write that meets a newer epoch at
 * commit is sealed again under it.
 */
public final class RoomWrites {
  private final RoomContext context;
  private final UploadJournal journal;

  public RoomWrites(RoomContext context, UploadJournal journal) {
    this.context = context;
    this.journal = journal;
  }

  public RoomItem createFolder(KeySession session, RoomId room, @Nullable FileId parent,
      String name) {
    EntryMetadata metadata = EntryMetadata.folder(parent, Names.check(name, "a folder name"));
    FileId id = FileId.random(context.random());
    return create(session, room, id, metadata, null, "room.folder.create", null);
  }

  /**
   * Streams {@code content} encrypted into a new blob under a new file key, then adds the file.
   * The blob is journaled before its first byte and taken out of the journal by the transaction
   * that adds the file; if writing or adding fails, the blob is deleted again (a crash leaves it to
   * the sweep). {@code size} is the content's size if known, else -1.
   */
  public RoomItem upload(KeySession session, RoomId room, @Nullable FileId folder,
      String name, InputStream content, long size) {
    Names.check(name, "a file name");
    Storage storage = context.storage();
    Actors.requireActive(storage, session);
    Actors.requireWriter(context.membership().read(session, room, storage), session.user());
    Entries.requireFolder(storage, room, folder);
    FileId id = FileId.random(context.random());
    BlobId blob = journal.begin(BlobId.random(context.random()));
    try (SymmetricKey fileKey = SymmetricKey.generate(context.random())) {
      FileContent.Written written = FileContent.write(context, journal.blobs(), blob, room, id,
          fileKey, content, size);
      EntryMetadata metadata = EntryMetadata.file(folder, written.blob(),
          written.content().plaintextSize(), written.content().ciphertextSize(), name,
          written.content().digest(), FileContent.STREAM_VERSION);
      return create(session, room, id, metadata, fileKey, "room.file.upload", blob);
    } catch (RuntimeException | Error e) {
      journal.discard(blob);
      throw e;
    }
  }

  public RoomItem rename(KeySession session, RoomId room, FileId id, String name) {
    Names.check(name, "a name");
    return update(session, room, id, metadata -> metadata.withName(name), "room.entry.rename");
  }

  /**
   * Moves an entry into {@code parent} ({@code null}: the top).
   *
   * @throws IllegalArgumentException if a folder would move into itself or a folder inside it
   */
  public RoomItem move(KeySession session, RoomId room, FileId id, @Nullable FileId parent) {
    return update(session, room, id, metadata -> {
      requireNotInside(context.storage(), room, id, parent);
      return metadata.withParent(parent);
    }, "room.entry.move");
  }

  /**
   * Deletes a file (and its blob) or an empty folder. The transaction that deletes a file's entry
   * journals its blob, so a crash before the blob is deleted leaves it to the sweep.
   */
  public void delete(KeySession session, RoomId room, FileId id) {
    Actors.requireActive(context.storage(), session);
    RoomEntry deleted = Changes.commit(context, session, room, (state, keys) -> {
      Actors.requireWriter(state, session.user());
      RoomEntry entry = Entries.require(context.storage(), room, id);
      return tx -> {
        ContentGuard.check(tx, room, session.user(), state.epoch());
        tx.rooms().deleteEntry(room, id);
        BlobId released = entry.blob();
        if (released != null) {
          journal.release(tx, released);
        }
        context.audit().ok(tx, session.user(), "room.entry.delete", room, id);
        return entry;
      };
    });
    if (deleted.blob() != null) {
      journal.discard(deleted.blob());
    }
  }

  /** Adds an entry; {@code blob} (a new file's) is taken out of the upload journal with it. */
  private RoomItem create(KeySession session, RoomId room, FileId id,
      EntryMetadata metadata, @Nullable SymmetricKey fileKey, String action,
      @Nullable BlobId blob) {
    Actors.requireActive(context.storage(), session);
    return Changes.commit(context, session, room, (state, keys) -> {
      Actors.requireWriter(state, session.user());
      Entries.requireFolder(context.storage(), room, metadata.parent());
      RoomEntry entry = Entries.sealed(context, keys, id, metadata, fileKey, context.now(), 0);
      return tx -> {
        ContentGuard.check(tx, room, session.user(), state.epoch());
        RoomEntry stored = tx.rooms().createEntry(entry);
        if (blob != null) {
          UploadJournal.adopt(tx, blob);
        }
        context.audit().ok(tx, session.user(), action, room, id);
        return Entries.item(stored, metadata.withWriter(session.user()));
      };
    });
  }

  private RoomItem update(KeySession session, RoomId room, FileId id,
      UnaryOperator<EntryMetadata> change, String action) {
    Actors.requireActive(context.storage(), session);
    return Changes.commit(context, session, room, (state, keys) -> {
      Actors.requireWriter(state, session.user());
      RoomEntry entry = Entries.require(context.storage(), room, id);
      EntryMetadata metadata = change.apply(Entries.metadata(context, keys, entry));
      Entries.requireFolder(context.storage(), room, metadata.parent());
      SymmetricKey fileKey = entry.kind() == RoomEntry.Kind.FILE
          ? Entries.fileKey(context, keys, entry, metadata) : null;
      RoomEntry updated = Entries.sealed(context, keys, id, metadata, fileKey, entry.createdAt(),
          entry.revision());
      return tx -> {
        ContentGuard.check(tx, room, session.user(), state.epoch());
        RoomEntry stored = tx.rooms().updateEntry(updated);
        context.audit().ok(tx, session.user(), action, room, id);
        return Entries.item(stored, metadata.withWriter(session.user()));
      };
    });
  }

  /** Fails if {@code target} is {@code id} or lies inside it. */
  private static void requireNotInside(Storage storage, RoomId room, FileId id,
      @Nullable FileId target) {
    FileId at = target;
    for (int depth = 0; at != null; depth++) {
      if (at.equals(id)) {
        throw new IllegalArgumentException("entry " + id + " cannot move into itself or a folder"
            + " inside it");
      }
      if (depth > 10_000) {
        throw new IntegrityException("the folders of room " + room + " form a cycle");
      }
      at = Entries.require(storage, room, at).parent();
    }
  }
}
