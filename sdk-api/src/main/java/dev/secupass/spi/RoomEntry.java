package dev.secupass.spi;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A folder or file in a data room's index.
 *
 * @param room the room
 * @param id the entry
 * @param parent the folder it is in, or {@code null} at the top
 * @param kind folder or file
 * @param epoch the room-key epoch its name and content key are encrypted under
 * @param name the encrypted name (opaque)
 * @param blob where a file's ciphertext lives; {@code null} for a folder
 * @param size a file's plaintext size; 0 for a folder
 * @param header the file's wrapped content key and format header (opaque; empty for a folder)
 * @param createdAt when
 * @param revision compare-and-set counter: 0 before the first store, then as for {@link
 *     KeyRecord#revision()}
 */
public record RoomEntry(
    RoomId room,
    FileId id,
    @Nullable FileId parent,
    Kind kind,
    int epoch,
    byte[] name,
    @Nullable BlobId blob,
    long size,
    byte[] header,
    Instant createdAt,
    long revision) {

  /** Folders hold entries; files hold content. */
  public enum Kind {
    FOLDER,
    FILE
  }

  public RoomEntry {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be 1 or more");
    }
    name = Bytes.copy(name, "name");
    header = Bytes.copy(header, "header");
    Objects.requireNonNull(createdAt, "createdAt");
    if (size < 0 || revision < 0) {
      throw new IllegalArgumentException("size and revision must not be negative");
    }
    if ((kind == Kind.FILE) != (blob != null)) {
      throw new IllegalArgumentException("a file has a blob and a folder has none");
    }
    if (id.equals(parent)) {
      throw new IllegalArgumentException("an entry cannot be its own parent");
    }
  }

  @Override
  public byte[] name() {
    return name.clone();
  }

  @Override
  public byte[] header() {
    return header.clone();
  }

  /** The parent folder, if the entry is not at the top. */
  public Optional<FileId> parentFolder() {
    return Optional.ofNullable(parent);
  }

  /** This entry as stored at {@code newRevision}. */
  public RoomEntry withRevision(long newRevision) {
    return new RoomEntry(room, id, parent, kind, epoch, name, blob, size, header, createdAt,
        newRevision);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoomEntry e
        && room.equals(e.room)
        && id.equals(e.id)
        && Objects.equals(parent, e.parent)
        && kind == e.kind
        && epoch == e.epoch
        && Arrays.equals(name, e.name)
        && Objects.equals(blob, e.blob)
        && size == e.size
        && Arrays.equals(header, e.header)
        && createdAt.equals(e.createdAt)
        && revision == e.revision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(room, id, revision);
  }

  @Override
  public String toString() {
    return "RoomEntry[room=" + room + ", id=" + id + ", kind=" + kind + ", epoch=" + epoch
        + ", revision=" + revision + "]";
  }
}
