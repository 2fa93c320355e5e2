package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.crypto.ContentEncryptor;
import dev.secupass.core.crypto.EncryptedContent;
import dev.secupass.core.crypto.SymmetricKey;
import dev.secupass.spi.BlobOutput;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A room file's content in the blob store: written encrypted, read decrypted, both streamed. */
final class FileContent {
  private FileContent() {}

  /** What was written. */
  record Written(BlobId blob, EncryptedContent content) {}

  /**
   * Encrypts {@code plaintext} into a new blob under {@code fileKey}, committing it only when all
   * of it was written; on failure nothing is visible.
   *
   * @throws UncheckedIOException if reading {@code plaintext} fails
   */
  static Written write(RoomContext context, RoomId room, FileId file, SymmetricKey fileKey,
      InputStream plaintext) {
    BlobId blob = BlobId.random(context.random());
    try (BlobOutput out = context.blobs().create(blob);
        ContentEncryptor encryptor = context.ciphers().content(fileKey, room, file).encrypt(out)) {
      plaintext.transferTo(encryptor);
      EncryptedContent content = encryptor.finish();
      out.commit();
      return new Written(blob, content);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the content for file " + file + " of room " + room
          + " failed", e);
    }
  }

  /** The decrypted content of {@code blob}; closing the stream wipes {@code fileKey}. */
  static InputStream read(RoomContext context, RoomId room, FileId file, BlobId blob,
      SymmetricKey fileKey) {
    InputStream plaintext;
    try {
      plaintext = context.ciphers().content(fileKey, room, file)
          .decrypt(context.blobs().open(blob));
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
  static void discard(RoomContext context, BlobId blob) {
    try {
      context.blobs().delete(blob);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(FileContent.class)
          .warn("could not delete orphaned blob {}: {}", blob, e.getMessage());
    }
  }
}
