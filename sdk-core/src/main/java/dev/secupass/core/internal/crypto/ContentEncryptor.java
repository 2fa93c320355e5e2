package dev.secupass.core.internal.crypto;

import dev.secupass.core.internal.stream.CiphertextDigester;
import dev.secupass.core.internal.stream.SegmentCipher;
import dev.secupass.core.internal.stream.SegmentTable;
import dev.secupass.core.internal.stream.StreamHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts what is written to it into a content stream on the sink, one segment at a time, with
 * memory for one segment. Writes of a whole segment or more are encrypted straight from the
 * caller's array.
 *
 * <p>{@link #finish()} writes the final segment (and, in version 2, the table of segment hashes)
 * and returns the sizes and digest; only then is
 * the ciphertext complete. {@link #close()} without {@code finish()} abandons the stream: no final
 * segment is written, so what reached the sink is a truncated stream no reader accepts. Neither
 * closes the sink: the caller owns it (for a {@link dev.secupass.spi.BlobOutput}, commit after
 * {@code finish()}):
 *
 * <pre>{@code
 * try (BlobOutput out = blobs.create(blobId);
 *     ContentEncryptor encryptor = cipher.encrypt(out)) {
 *   plaintext.transferTo(encryptor);
 *   EncryptedContent result = encryptor.finish();
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>Not safe for use by several threads at once.
 */
public final class ContentEncryptor extends OutputStream {
  private final OutputStream sink;
  private final StreamHeader header;
  private final SegmentCipher cipher;
  private final byte[] buffer;
  private final int segmentSize;
  private final @Nullable CiphertextDigester digester;
  private final @Nullable SegmentTable table;
  private final MessageDigest sha256 = Hashes.sha256();
  private int buffered;
  private long index;
  private long plaintextSize;
  private long ciphertextSize;
  private boolean headerWritten;
  private boolean done;

  ContentEncryptor(OutputStream sink, StreamHeader header, SegmentCipher cipher, boolean digest) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.header = header;
    this.cipher = cipher;
    this.segmentSize = header.segmentSize();
    this.buffer = new byte[segmentSize + SegmentCipher.TAG_SIZE];
    boolean version2 = header.version() == 2;
    this.digester = digest && !version2 ? new CiphertextDigester(header.encoded()) : null;
    this.table = version2 ? SegmentTable.forWriting() : null;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    buffer[buffered++] = (byte) b;
    plaintextSize++;
    if (buffered == segmentSize) {
      emit(cipher.encrypt(index++, false, buffer, 0, segmentSize, buffer, 0));
      buffered = 0;
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    plaintextSize += len;
    while (len > 0) {
      if (buffered == 0 && len >= segmentSize) {
        emit(cipher.encrypt(index++, false, b, off, segmentSize, buffer, 0));
        off += segmentSize;
        len -= segmentSize;
      } else {
        int n = Math.min(len, segmentSize - buffered);
        System.arraycopy(b, off, buffer, buffered, n);
        buffered += n;
        off += n;
        len -= n;
        if (buffered == segmentSize) {
          emit(cipher.encrypt(index++, false, buffer, 0, segmentSize, buffer, 0));
          buffered = 0;
        }
      }
    }
  }

  /** Flushes the sink; buffered plaintext stays buffered until its segment is full. */
  @Override
  public void flush() throws IOException {
    sink.flush();
  }

  /**
   * Encrypts the buffered rest as the final segment and writes it, then (version 2) the table. The
   * sink is not closed.
   *
   * @return the plaintext and ciphertext sizes and the digest: version 2's stream digest, or
   *     version 1's ciphertext digest if requested
   * @throws IllegalStateException if already finished or closed
   */
  public EncryptedContent finish() throws IOException {
    ensureOpen();
    emit(cipher.encrypt(index++, true, buffer, 0, buffered, buffer, 0));
    buffered = 0;
    done = true;
    release();
    byte[] digest = digester == null ? new byte[0] : digester.finish();
    if (table != null) {
      byte[] encoded = table.encoded();
      sink.write(encoded);
      ciphertextSize += encoded.length;
      digest = table.streamDigest(header.encoded());
    }
    return new EncryptedContent(plaintextSize, ciphertextSize, digest);
  }

  /**
   * Abandons the stream unless {@link #finish()} was called: the final segment is not written, so
   * the ciphertext on the sink is incomplete and will not decrypt. Does not close the sink.
   */
  @Override
  public void close() {
    if (!done) {
      done = true;
      release();
    }
  }

  private void emit(int length) throws IOException {
    if (!headerWritten) {
      byte[] encoded = header.encoded();
      sink.write(encoded);
      ciphertextSize += encoded.length;
      headerWritten = true;
    }
    if (digester != null) {
      digester.segment(buffer, 0, length);
    }
    if (table != null) {
      table.add(SegmentTable.leaf(sha256, buffer, 0, length));
    }
    sink.write(buffer, 0, length);
    ciphertextSize += length;
  }

  private void release() {
    Wipe.bytes(buffer);
    cipher.destroy();
  }

  private void ensureOpen() {
    if (done) {
      throw new IllegalStateException("the content stream was already finished or closed");
    }
  }
}
