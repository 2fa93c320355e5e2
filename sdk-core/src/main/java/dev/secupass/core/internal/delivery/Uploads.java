package dev.secupass.core.internal.delivery;

import dev.secupass.api.BlobId;
import dev.secupass.core.internal.content.EncryptedBlobs;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blobs one sending writes, so they can be deleted again if the sending fails before its
 * metadata commits: a blob nobody's record names is invisible to readers, and deleting it keeps
 * the store clean.
 */
final class Uploads {
  private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

  private final BlobStore blobs;
  private final List<BlobId> committed = new ArrayList<>();

  Uploads(BlobStore blobs) {
    this.blobs = blobs;
  }

  /**
   * Encrypts all of {@code plaintext} (closing it) into a new blob and commits the blob, as {@link
   * EncryptedBlobs#write}; a known {@code plaintextSize} (else -1) holds the file to that size.
   */
  EncryptedContent write(BlobId id, ContentCipher cipher, InputStream plaintext, String what,
      long plaintextSize) {
    try (InputStream in = plaintext) {
      EncryptedContent result = EncryptedBlobs.write(blobs, id, cipher, in, what, plaintextSize);
      committed.add(id);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a file to send failed", e);
    }
  }

  /** Deletes every blob committed so far; failures are logged, not thrown. */
  void deleteAll() {
    for (BlobId id : committed) {
      try {
        blobs.delete(id);
      } catch (RuntimeException e) {
        LOG.warn("could not delete blob {} of a failed sending: {}", id, e.toString());
      }
    }
    committed.clear();
  }
}
