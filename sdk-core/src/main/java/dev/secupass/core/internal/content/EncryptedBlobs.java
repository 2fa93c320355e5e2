package dev.secupass.core.internal.content;

import dev.secupass.api.BlobId;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;

/** A file's content encrypted into a new blob: how deliveries and data rooms both write files. */
public final class EncryptedBlobs {
  private static final int CHUNK = 64 * 1024;

  private EncryptedBlobs() {}

  /**
   * Encrypts all of {@code plaintext} (read in 64 KiB chunks, not closed) under {@code cipher}
   * into the new blob {@code id}, and commits the blob; on failure nothing is visible. A known
   * {@code size} (else -1) goes to the store as the blob's exact ciphertext size, which lets it
   * send the blob in one request; {@code plaintext} must then have exactly that many bytes.
   *
   * @param what names the content in the message of a size mismatch ({@code "file 'a.pdf'"})
   * @throws IOException if reading {@code plaintext} fails
   * @throws IllegalArgumentException if {@code plaintext} does not have {@code size} bytes
   */
  public static EncryptedContent write(BlobStore blobs, BlobId id, ContentCipher cipher,
      InputStream plaintext, String what, long size) throws IOException {
    InputStream in = size < 0 ? plaintext : new DeclaredSizeInput(plaintext, what, size);
    try (BlobOutput out = size < 0
            ? blobs.create(id) : blobs.create(id, cipher.ciphertextSize(size));
        ContentEncryptor encryptor = cipher.encrypt(out)) {
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        encryptor.write(chunk, 0, n);
      }
      EncryptedContent content = encryptor.finish();
      out.commit();
      return content;
    }
  }
}
