package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.spi.RoomEntry;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a room entry's sealed metadata holds: its name and the fields the index also shows in the
 * clear (kind, parent folder, blob, sizes), so that a storage operator who changes those (moves a
 * file to another folder, points it at another blob) is caught when the entry is read; and, for
 * entries of version 2 ({@code docs/format.md}, "Signed room entries"), who signed it, the digest
 * of the file's ciphertext and the commitment of its content key.
 *
 * @param kind folder or file
 * @param parent the folder it is in, or {@code null} at the top
 * @param blob a file's blob, {@code null} for a folder
 * @param size a file's plaintext size, 0 for a folder
 * @param ciphertextSize a file's stored size, 0 for a folder
 * @param name the name
 * @param digest the digest of the file's blob that its writer signed: the version-1 ciphertext
 *     digest, or with {@code contentVersion} 2 the stream digest of a version-2 content stream; 32
 *     zero bytes if unknown (a folder, or a file uploaded before signed entries)
 * @param commitment the key commitment of the file's content key as its writer signed it; empty
 *     when opened from an unsigned version-1 entry (and ignored when sealing: the key is committed)
 * @param writer who signed the entry; {@code null} for an unsigned version-1 entry or before
 *     sealing
 * @param contentVersion the content-stream version of a file's blob that the digest requires: 2
 *     for files written since rooms write version-2 streams (their ranged reads are verified
 *     against the signed stream digest), 1 for folders and older files
 */
public record EntryMetadata(RoomEntry.Kind kind, @Nullable FileId parent, @Nullable BlobId blob,
    long size, long ciphertextSize, String name, byte[] digest, byte[] commitment,
    @Nullable UserId writer, int contentVersion) {
  /** Length of the digest and the commitment. */
  static final int HASH = 32;

  public EntryMetadata {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if ((kind == RoomEntry.Kind.FILE) != (blob != null) || size < 0 || ciphertextSize < 0
        || digest.length != HASH || (commitment.length != 0 && commitment.length != HASH)
        || (contentVersion != 1 && contentVersion != 2)
        || (contentVersion == 2 && (kind != RoomEntry.Kind.FILE || Arrays.equals(digest,
            new byte[HASH])))) {
      throw new IllegalArgumentException("inconsistent entry metadata");
    }
    digest = digest.clone();
    commitment = commitment.clone();
  }

  /** Metadata whose file content, if any, is a version-1 stream (or unknown). */
  public EntryMetadata(RoomEntry.Kind kind, @Nullable FileId parent, @Nullable BlobId blob,
      long size, long ciphertextSize, String name, byte[] digest, byte[] commitment,
      @Nullable UserId writer) {
    this(kind, parent, blob, size, ciphertextSize, name, digest, commitment, writer, 1);
  }

  /**
   * A file's metadata as written, with the digest of its blob: the stream digest of a version-2
   * stream ({@code contentVersion} 2) or the ciphertext digest of a version-1 stream.
   */
  public static EntryMetadata file(@Nullable FileId parent, BlobId blob, long size,
      long ciphertextSize, String name, byte[] digest, int contentVersion) {
    return new EntryMetadata(RoomEntry.Kind.FILE, parent, blob, size, ciphertextSize, name,
        digest, new byte[0], null, contentVersion);
  }

  public static EntryMetadata folder(@Nullable FileId parent, String name) {
    return new EntryMetadata(RoomEntry.Kind.FOLDER, parent, null, 0, 0, name, new byte[HASH],
        new byte[0], null);
  }

  /** Whether the digest of the file's ciphertext is known (else 32 zero bytes). */
  public boolean hasDigest() {
    return !Arrays.equals(digest, new byte[HASH]);
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public byte[] commitment() {
    return commitment.clone();
  }

  /** This metadata with another name. */
  public EntryMetadata withName(String newName) {
    return new EntryMetadata(kind, parent, blob, size, ciphertextSize, newName, digest, commitment,
        writer, contentVersion);
  }

  /** This metadata as signed by {@code signer}. */
  public EntryMetadata withWriter(UserId signer) {
    return new EntryMetadata(kind, parent, blob, size, ciphertextSize, name, digest, commitment,
        signer, contentVersion);
  }

  /** This metadata in another folder. */
  public EntryMetadata withParent(@Nullable FileId newParent) {
    return new EntryMetadata(kind, newParent, blob, size, ciphertextSize, name, digest, commitment,
        writer, contentVersion);
  }

  /** This file's metadata with its content in another blob, a stream of {@code version}. */
  public EntryMetadata withBlob(BlobId newBlob, long newCiphertextSize, byte[] newDigest,
      int version) {
    return new EntryMetadata(kind, parent, newBlob, size, newCiphertextSize, name, newDigest,
        commitment, writer, version);
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

  /** The version-1 fields, which version 2 also writes in this order. */
  ByteWriter encodeFields(ByteWriter out) {
    return out
        .u8(kind == RoomEntry.Kind.FOLDER ? 1 : 2)
        .string(parent == null ? "" : parent.value())
        .string(blob == null ? "" : blob.value())
        .u64(size)
        .u64(ciphertextSize)
        .string(name);
  }

  /** The version-1 plaintext (kept for tests and vectors of version 1). */
  byte[] encode() {
    return encodeFields(new ByteWriter(64 + name.length() * 3)).toByteArray();
  }

  /** Decodes the version-1 fields from {@code in}, with digest, commitment and writer given. */
  static EntryMetadata decodeFields(ByteReader in, byte[] digest, byte[] commitment,
      @Nullable UserId writer) {
    int kind = in.u8();
    if (kind != 1 && kind != 2) {
      throw in.malformed("unknown kind " + kind);
    }
    String parent = in.string("parent");
    String blob = in.string("blob");
    long size = in.u64("size");
    long ciphertextSize = in.u64("ciphertext size");
    String name = in.string("name");
    try {
      return new EntryMetadata(kind == 1 ? RoomEntry.Kind.FOLDER : RoomEntry.Kind.FILE,
          parent.isEmpty() ? null : FileId.of(parent), blob.isEmpty() ? null : BlobId.of(blob),
          size, ciphertextSize, name, digest, commitment, writer);
    } catch (IllegalArgumentException e) {
      throw in.malformed(e.getMessage() == null ? "inconsistent fields" : e.getMessage());
    }
  }

  /** Decodes an unsigned version-1 plaintext. */
  static EntryMetadata decode(byte[] plain) {
    ByteReader in = new ByteReader(plain, m -> new IntegrityException("malformed entry metadata: "
        + m));
    EntryMetadata metadata = decodeFields(in, new byte[HASH], new byte[0], null);
    in.end("entry metadata");
    return metadata;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryMetadata m && kind == m.kind && Objects.equals(parent, m.parent)
        && Objects.equals(blob, m.blob) && size == m.size && ciphertextSize == m.ciphertextSize
        && name.equals(m.name) && Arrays.equals(digest, m.digest)
        && Arrays.equals(commitment, m.commitment) && Objects.equals(writer, m.writer)
        && contentVersion == m.contentVersion;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, parent, blob, size, name, Arrays.hashCode(digest));
  }

  @Override
  public String toString() {
    return "EntryMetadata[kind=" + kind + ", parent=" + parent + ", size=" + size + "]";
  }
}
