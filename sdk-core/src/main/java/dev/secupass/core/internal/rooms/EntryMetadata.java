package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.spi.RoomEntry;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a room entry's sealed metadata holds: its name and the fields the index also shows in the
 * clear (kind, parent folder, blob, sizes), so that a storage operator who changes those (moves a
 * file to another folder, points it at another blob) is caught when the entry is read.
 *
 * @param kind folder or file
 * @param parent the folder it is in, or {@code null} at the top
 * @param blob a file's blob, {@code null} for a folder
 * @param size a file's plaintext size, 0 for a folder
 * @param ciphertextSize a file's stored size, 0 for a folder
 * @param name the name
 */
public record EntryMetadata(RoomEntry.Kind kind, @Nullable FileId parent, @Nullable BlobId blob,
    long size, long ciphertextSize, String name) {

  public EntryMetadata {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if ((kind == RoomEntry.Kind.FILE) != (blob != null) || size < 0 || ciphertextSize < 0) {
      throw new IllegalArgumentException("inconsistent entry metadata");
    }
  }

  public static EntryMetadata folder(@Nullable FileId parent, String name) {
    return new EntryMetadata(RoomEntry.Kind.FOLDER, parent, null, 0, 0, name);
  }

  /** This metadata with another name. */
  public EntryMetadata withName(String newName) {
    return new EntryMetadata(kind, parent, blob, size, ciphertextSize, newName);
  }

  /** This metadata in another folder. */
  public EntryMetadata withParent(@Nullable FileId newParent) {
    return new EntryMetadata(kind, newParent, blob, size, ciphertextSize, name);
  }

  /** This file's metadata with its content in another blob. */
  public EntryMetadata withBlob(BlobId newBlob, long newCiphertextSize) {
    return new EntryMetadata(kind, parent, newBlob, size, newCiphertextSize, name);
  }

  /**
   * Checks that the entry's clear fields are the sealed ones.
   *
   * @throws IntegrityException if they differ
   */
  public EntryMetadata checkAgainst(RoomEntry entry) {
    if (entry.kind() != kind || !Objects.equals(entry.parent(), parent)
        || !Objects.equals(entry.blob(), blob) || entry.size() != size) {
      throw new IntegrityException("entry " + entry.id() + " of room " + entry.room()
          + " was altered in storage: its kind, folder, blob or size differ from its sealed"
          + " metadata");
    }
    return this;
  }

  byte[] encode() {
    return new ByteWriter(64 + name.length() * 3)
        .u8(kind == RoomEntry.Kind.FOLDER ? 1 : 2)
        .string(parent == null ? "" : parent.value())
        .string(blob == null ? "" : blob.value())
        .u64(size)
        .u64(ciphertextSize)
        .string(name)
        .toByteArray();
  }

  static EntryMetadata decode(byte[] plain) {
    ByteReader in = new ByteReader(plain, m -> new IntegrityException("malformed entry metadata: "
        + m));
    try {
      int kind = in.u8();
      if (kind != 1 && kind != 2) {
        throw in.malformed("unknown kind " + kind);
      }
      String parent = in.string("parent");
      String blob = in.string("blob");
      long size = in.u64("size");
      long ciphertextSize = in.u64("ciphertext size");
      String name = in.string("name");
      in.end("entry metadata");
      return new EntryMetadata(kind == 1 ? RoomEntry.Kind.FOLDER : RoomEntry.Kind.FILE,
          parent.isEmpty() ? null : FileId.of(parent), blob.isEmpty() ? null : BlobId.of(blob),
          size, ciphertextSize, name);
    } catch (IllegalArgumentException e) {
      throw new IntegrityException("malformed entry metadata: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "EntryMetadata[kind=" + kind + ", parent=" + parent + ", size=" + size + "]";
  }
}
