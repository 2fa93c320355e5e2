package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.content.EncryptedBlobs;
import dev.secupass.core.internal.crypto.CiphertextSource;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.spi.BlobStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/** A room file's content in the blob store: written encrypted, read decrypted, both streamed. */
final class FileContent {
  /** The content-stream version rooms write files in. */
  static final int STREAM_VERSION = 2;

  private FileContent() {}

  /** What was written. */
  record Written(BlobId blob, EncryptedContent content) {}

  /**
   * Encrypts {@code plaintext} into the new blob {@code blob} (journaled by the caller) under
   * {@code fileKey}, committing it only when all
   * of it was written; on failure nothing is visible. A known {@code size} (else -1) goes to the
   * store as the blob's ciphertext size, and {@code plaintext} must have exactly that many bytes.
   *
   * @throws UncheckedIOException if reading {@code plaintext} fails
   * @throws IllegalArgumentException if {@code plaintext} does not have {@code size} bytes
   */
  static Written write(RoomContext context, BlobStore blobs, BlobId blob, RoomId room,
      FileId file, SymmetricKey fileKey, InputStream plaintext, long size) {
    try {
      return new Written(blob, EncryptedBlobs.write(blobs, blob,
          context.ciphers().content(fileKey, room, file), plaintext, "file " + file, size));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the content for file " + file + " of room " + room
          + " failed", e);
    }
  }

  /**
   * The decrypted content of the file's blob, checked against the digest its writer signed when
   * the metadata has one: a version-2 stream segment by segment against its signed stream digest
   * before any plaintext is released, a version-1 stream against its ciphertext digest before the
   * last segment's plaintext (a mismatch ends the stream with an {@link
   * dev.secupass.api.IntegrityException}); closing the stream wipes {@code fileKey}.
   */
  static InputStream read(RoomContext context, BlobStore blobs, RoomId room, FileId file,
      EntryMetadata metadata, SymmetricKey fileKey) {
    InputStream plaintext;
    try {
      plaintext = metadata.contentVersion() == STREAM_VERSION
          ? range(context, blobs, room, file, metadata, fileKey, 0, metadata.size())
          : sequential(context, blobs, room, file, metadata, fileKey);
    } catch (RuntimeException e) {
      fileKey.close();
      throw e;
    }
    return new FilterInputStream(plaintext) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          fileKey.close();
        }
      }
    };
  }

  /**
   * Plaintext bytes {@code [offset, offset + length)} of the file, reading only their segments:
   * for a file of a version-2 stream each is checked against the signed stream digest before it
   * is released; a version-1 range is authenticated by GCM under the committed key alone.
   */
  static InputStream range(RoomContext context, BlobStore blobs, RoomId room, FileId file,
      EntryMetadata metadata, SymmetricKey fileKey, long offset, long length) {
    BlobId blob = Objects.requireNonNull(metadata.blob(), "blob");
    CiphertextSource source = CiphertextSource.of(metadata.ciphertextSize(),
        (from, count) -> blobs.open(blob, from, count));
    ContentCipher cipher = context.ciphers().content(fileKey, room, file);
    try {
      return metadata.contentVersion() == STREAM_VERSION
          ? cipher.decryptVerified(source, metadata.size(), offset, length, metadata.digest())
          : cipher.decryptRange(source, metadata.size(), offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException("reading file " + file + " of room " + room + " failed", e);
    }
  }

  private static InputStream sequential(RoomContext context, BlobStore blobs, RoomId room,
      FileId file, EntryMetadata metadata, SymmetricKey fileKey) {
    ContentCipher cipher = context.ciphers().content(fileKey, room, file);
    InputStream stored = blobs.open(Objects.requireNonNull(metadata.blob(), "blob"));
    return metadata.hasDigest()
        ? cipher.decrypt(stored, metadata.digest()) : cipher.decrypt(stored);
  }
}
