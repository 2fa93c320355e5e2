package dev.secupass.core.internal.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stored ciphertext that can be read from any offset, for random-access decryption (resumed and
 * ranged downloads). It matches {@link dev.secupass.spi.BlobStore#open(dev.secupass.api.BlobId,
 * long, long)}:
 *
 * <pre>{@code
 * CiphertextSource source = CiphertextSource.of(file.storedSize(),
 *     (offset, length) -> blobs.open(file.blob(), offset, length));
 * }</pre>
 *
 * <p>{@link #size()} should come from an authenticated record (the signed manifest), not from the
 * store: a stored blob shorter than that fails with an integrity error when read; a size that does
 * not match the ciphertext makes the final segment fail.
 */
public interface CiphertextSource {

  /** The ciphertext's total length in bytes, header included. */
  long size();

  /**
   * The ciphertext from {@code offset} on, at most {@code length} bytes (fewer if it ends first).
   * The caller closes the stream.
   */
  InputStream open(long offset, long length) throws IOException;

  /** Opens byte ranges of something whose size is known. */
  @FunctionalInterface
  interface RangeOpener {
    InputStream open(long offset, long length) throws IOException;
  }

  /** A source of {@code size} bytes read through {@code opener}. */
  static CiphertextSource of(long size, RangeOpener opener) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    return new CiphertextSource() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public InputStream open(long offset, long length) throws IOException {
        return opener.open(offset, length);
      }
    };
  }

  /** A source over ciphertext held in memory (not copied). */
  static CiphertextSource of(byte[] ciphertext) {
    return of(ciphertext.length, (offset, length) -> new ByteArrayInputStream(ciphertext,
        (int) Math.min(offset, ciphertext.length),
        (int) Math.min(length, ciphertext.length - Math.min(offset, ciphertext.length))));
  }
}
