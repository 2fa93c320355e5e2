package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.content.EncryptedBlobs;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.spi.BlobStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A room file's content in the blob store: written encrypted, read decrypted, both streamed. */
final class FileContent {
  private static final Logger LOG = LoggerFactory.getLogger(FileContent.class);
  private FileContent() {}

  /** What was written. */
  record Written(BlobId blob, EncryptedContent content) {}

  /**
   * Encrypts {@code plaintext} into a new blob under {@code fileKey}, committing it only when all
   * of it was written; on failure nothing is visible. A known {@code size} (else -1) goes to the
   * store as the blob's ciphertext size, and {@code plaintext} must have exactly that many bytes.
   *
   * @throws UncheckedIOException if reading {@code plaintext} fails
   * @throws IllegalArgumentException if {@code plaintext} does not have {@code size} bytes
   */
  static Written write(RoomContext context, BlobStore blobs, RoomId room, FileId file,
      SymmetricKey fileKey, InputStream plaintext, long size) {
    BlobId blob = BlobId.random(context.random());
    try {
      return new Written(blob, EncryptedBlobs.write(blobs, blob,
          context.ciphers().content(fileKey, room, file), plaintext, "file " + file, size));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the content for file " + file + " of room " + room
          + " failed", e);
    }
  }

  /**
   * The decrypted content of the file's blob, checked against the ciphertext digest its writer
   * signed when the metadata has one (a mismatch ends the stream with an {@link
   * dev.secupass.api.IntegrityException} before the last segment's plaintext); closing the stream
   * wipes {@code fileKey}.
   */
  static InputStream read(RoomContext context, BlobStore blobs, RoomId room, FileId file,
      EntryMetadata metadata, SymmetricKey fileKey) {
    InputStream plaintext;
    try {
      var cipher = context.ciphers().content(fileKey, room, file);
      InputStream stored = blobs.open(Objects.requireNonNull(metadata.blob(), "blob"));
      plaintext = metadata.hasDigest()
          ? cipher.decrypt(stored, metadata.digest()) : cipher.decrypt(stored);
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

  /** Deletes a blob that no committed entry refers to; a failure leaves an orphan, logged. */
  static void discard(BlobStore blobs, BlobId blob) {
    try {
      blobs.delete(blob);
    } catch (RuntimeException e) {
      LOG.warn("could not delete orphaned blob {}: {}", blob, e.getMessage());
    }
  }
}
