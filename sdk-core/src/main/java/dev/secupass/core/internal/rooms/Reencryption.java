package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.rooms.ReencryptionProgress;
import dev.secupass.spi.RoomEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The optional job that moves entries written under older epochs to the current one: a folder's
 * metadata is sealed again; a file gets a new content key and its content is decrypted and
 * encrypted again into a new blob, the old blob deleted once the entry points at the new one. A
 * member removed before the current epoch then holds no key that opens those files, even with a
 * copy of every old blob. Each entry commits on its own; an entry changed concurrently is left for
 * the next run. The new blob is journaled before it is written and adopted by the transaction that
 * points the entry at it, which journals the old blob in turn (docs/testing.md, "Crash
 * consistency"): a crash anywhere leaves no blob that the sweep does not delete.
 */
public final class Reencryption {
  private final RoomContext context;
  private final UploadJournal journal;

  public Reencryption(RoomContext context, UploadJournal journal) {
    this.context = context;
    this.journal = journal;
  }

  public ReencryptionProgress run(KeySession session, RoomId room, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more");
    }
    Actors.requireActive(context.storage(), session);
    MembershipState state = context.membership().read(session, room, context.storage());
    Actors.requireWriter(state, session.user());
    List<FileId> older = new ArrayList<>();
    RoomReads.forEachEntry(context.storage(), room, entry -> {
      if (entry.epoch() < state.epoch()) {
        older.add(entry.id());
      }
    });
    int done = 0;
    for (FileId id : older.subList(0, Math.min(limit, older.size()))) {
      try {
        if (reencrypt(session, room, id)) {
          done++;
        }
      } catch (ConflictException e) {
        // Changed or re-keyed concurrently: the next run sees it afresh.
      }
    }
    return new ReencryptionProgress(done, older.size() - done);
  }

  /** Moves one entry to the current epoch; {@code false} if it already is. */
  @SuppressWarnings("NullAway") // an entry already in the current epoch needs no change: null
  private boolean reencrypt(KeySession session, RoomId room, FileId id) {
    BlobId[] written = new BlobId[1];
    RoomEntry before;
    try {
      before = Changes.commitOnce(context, session, room, (state, keys) -> {
        RoomEntry entry = Entries.require(context.storage(), room, id);
        if (entry.epoch() >= state.epoch()) {
          return tx -> null;
        }
        EntryMetadata metadata = Entries.metadata(context, keys, entry);
        SymmetricKey fileKey = null;
        if (entry.kind() == RoomEntry.Kind.FILE) {
          fileKey = keys.hold(SymmetricKey.generate(context.random()));
          BlobId blob = journal.begin(BlobId.random(context.random()));
          written[0] = blob;
          FileContent.Written copy = copy(keys, entry, metadata, fileKey, blob);
          metadata = metadata.withBlob(copy.blob(), copy.content().ciphertextSize(),
              copy.content().digest(), FileContent.STREAM_VERSION);
        }
        RoomEntry updated = Entries.sealed(context, keys, id, metadata, fileKey,
            entry.createdAt(), entry.revision());
        return tx -> {
          ContentGuard.check(tx, room, session.user(), state.epoch());
          tx.rooms().updateEntry(updated);
          BlobId adopted = updated.blob();
          if (adopted != null) {
            UploadJournal.adopt(tx, adopted);
          }
          BlobId released = entry.blob();
          if (released != null) {
            journal.release(tx, released);
          }
          context.audit().ok(tx, session.user(), "room.entry.reencrypt", room, id);
          return entry;
        };
      });
    } catch (RuntimeException e) {
      if (written[0] != null) {
        journal.discard(written[0]);
      }
      throw e;
    }
    if (before != null && before.blob() != null) {
      journal.discard(before.blob());
    }
    return before != null;
  }

  /** The file's content, decrypted with its old key and encrypted under {@code fileKey}. */
  private FileContent.Written copy(Keyring keys, RoomEntry entry, EntryMetadata metadata,
      SymmetricKey fileKey, BlobId blob) {
    SymmetricKey oldKey = Entries.unwrapFileKey(context, keys, entry, metadata);
    try (InputStream plaintext = FileContent.read(context, journal.blobs(), entry.room(),
        entry.id(), metadata, oldKey)) {
      return FileContent.write(context, journal.blobs(), blob, entry.room(), entry.id(), fileKey,
          plaintext, metadata.size());
    } catch (IOException e) {
      throw new UncheckedIOException("re-encrypting file " + entry.id() + " failed", e);
    }
  }
}
