package dev.secupass.core.relay;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.core.rooms.RoomItem;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a data room as storage holds it ({@link ClientRelay#roomEntries}): the clear
 * index fields and the sealed fields a member's client opens with the key of the entry's epoch
 * and checks against each other (the signed entry names the room, entry, epoch, kind, folder,
 * blob and size).
 *
 * @param id the entry
 * @param parent its folder, {@code null} at the top
 * @param kind folder or file
 * @param epoch the key epoch its fields are sealed under
 * @param blob a file's ciphertext blob, {@code null} for a folder
 * @param size a file's plaintext size, 0 for a folder
 * @param storedSize a file's ciphertext size (what {@link ClientRelay#readRoomFile} serves), 0 for
 *     a folder
 * @param sealedEntry the sealed metadata (version 1 unsigned, version 2 a signed room entry)
 * @param wrappedKey a file's wrapped content key, empty for a folder
 * @param createdAt when the entry was stored
 */
public record ClientRoomEntry(FileId id, @Nullable FileId parent, RoomItem.Kind kind, int epoch,
    @Nullable BlobId blob, long size, long storedSize, byte[] sealedEntry, byte[] wrappedKey,
    Instant createdAt) {
  public ClientRoomEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(createdAt, "createdAt");
    sealedEntry = sealedEntry.clone();
    wrappedKey = wrappedKey.clone();
  }

  @Override
  public byte[] sealedEntry() {
    return sealedEntry.clone();
  }

  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientRoomEntry e && id.equals(e.id) && Objects.equals(parent, e.parent)
        && kind == e.kind && epoch == e.epoch && Objects.equals(blob, e.blob) && size == e.size
        && storedSize == e.storedSize && Arrays.equals(sealedEntry, e.sealedEntry)
        && Arrays.equals(wrappedKey, e.wrappedKey) && createdAt.equals(e.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, parent, kind, epoch, blob, size, storedSize, createdAt);
  }

  @Override
  public String toString() {
    return "ClientRoomEntry[id=" + id + ", " + kind + ", epoch=" + epoch + "]";
  }
}
