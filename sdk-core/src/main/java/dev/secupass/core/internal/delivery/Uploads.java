package dev.secupass.core.internal.delivery;

import dev.secupass.api.BlobId;
import dev.secupass.core.internal.content.EncryptedBlobs;
import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The blobs one sending writes. Each is journaled before its first byte; the transaction that
 * stores the delivery {@linkplain #adoptAll adopts} them, and if the sending fails before that
 * commits they are deleted again ({@link #discardAll}). A crash in between leaves them in the
 * journal, for the sweep.
 */
final class Uploads {
  private final UploadJournal journal;
  private final List<BlobId> begun = new ArrayList<>();

  Uploads(UploadJournal journal) {
    this.journal = journal;
  }

  /**
   * Journals {@code id}, then encrypts all of {@code plaintext} (closing it) into the new blob and
   * commits the blob, as {@link EncryptedBlobs#write}; a known {@code plaintextSize} (else -1)
   * holds the file to that size.
   */
  EncryptedContent write(BlobId id, ContentCipher cipher, InputStream plaintext, String what,
      long plaintextSize) {
    try (InputStream in = plaintext) {
      begun.add(journal.begin(id));
      return EncryptedBlobs.write(journal.blobs(), id, cipher, in, what, plaintextSize);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a file to send failed", e);
    }
  }

  /** Takes every blob written out of the journal, in {@code tx}, the delivery's transaction. */
  void adoptAll(Storage tx) {
    begun.forEach(blob -> UploadJournal.adopt(tx, blob));
  }

  /** Deletes every blob begun so far, written whole or not; failures are left to the sweep. */
  void discardAll() {
    begun.forEach(journal::discard);
    begun.clear();
  }
}
