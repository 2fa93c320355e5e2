package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A folder or file of a room, decrypted and checked against its sealed metadata.
 *
 * @param id the entry
 * @param parent the folder it is in, or {@code null} at the top
 * @param kind folder or file
 * @param name its name (decrypted; not in {@link #toString()})
 * @param size a file's size in bytes; 0 for a folder
 * @param epoch the key epoch it is encrypted under
 * @param createdAt when it was created
 * @param writer the member who signed the entry's current version (whose signature, role and, for
 *     a file, content were checked); {@code null} for an unsigned entry written before entries were
 *     signed (format version 1), which only the room's key protects: show it as unsigned
 */
public record RoomItem(FileId id, @Nullable FileId parent, Kind kind, String name,
    long size, int epoch, Instant createdAt, @Nullable UserId writer) {

  /** What an item is. */
  public enum Kind {
    /** A folder, holding folders and files. */
    FOLDER,
    /** A file, with content. */
    FILE
  }

  public RoomItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Who signed the entry; empty for an unsigned entry of format version 1. */
  public Optional<UserId> signedBy() {
    return Optional.ofNullable(writer);
  }

  /** The parent folder, if the entry is not at the top. */
  public Optional<FileId> parentFolder() {
    return Optional.ofNullable(parent);
  }

  public boolean isFolder() {
    return kind == Kind.FOLDER;
  }

  @Override
  public String toString() {
    return "RoomItem[id=" + id + ", kind=" + kind + ", size=" + size + ", epoch=" + epoch + "]";
  }
}
