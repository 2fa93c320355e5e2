package dev.secupass.core.internal.crypto;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.stream.CiphertextDigester;
import dev.secupass.core.internal.stream.SegmentCipher;
import dev.secupass.core.internal.stream.StreamHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Decrypts a content stream that is written to it (push style, for example from {@code
 * InputStream.transferTo} or an HTTP client's body handler) and writes the verified plaintext to
 * the sink, one segment at a time, with memory for one segment. Writes of a whole segment or more
 * are decrypted straight from the caller's array. A whole segment ({@code segmentSize + 16}
 * bytes) is never the final one, so it is verified and written as soon as it is complete; the
 * final, shorter segment is handled by {@link #finish()}.
 *
 * <p>A segment's plaintext reaches the sink only after its tag verified. {@link #finish()} checks
 * that the stream ended with its final segment (and, if given, that the ciphertext digest
 * matched, before the final segment is written); a stream cut anywhere, also at a segment
 * boundary, makes it throw {@link IntegrityException}. Closing without {@code finish()} abandons
 * the stream. The sink is never closed. After any failure the decryptor refuses further use.
 *
 * <p>Not safe for use by several threads at once.
 */
public final class ContentDecryptor extends OutputStream {
  private final OutputStream sink;
  private final Function<StreamHeader, SegmentCipher> cipherFactory;
  private final byte @Nullable [] expectedDigest;
  private final byte[] header = new byte[StreamHeader.LENGTH];
  private int headerLength;
  private @Nullable SegmentCipher cipher;
  private @Nullable CiphertextDigester digester;
  private byte[] segment = new byte[0];
  private byte[] plaintext = new byte[0];
  private int segmentSize;
  private int buffered;
  private long index;
  private boolean done;

  ContentDecryptor(OutputStream sink, Function<StreamHeader, SegmentCipher> cipherFactory,
      byte @Nullable [] expectedDigest) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.cipherFactory = cipherFactory;
    this.expectedDigest = expectedDigest;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    try {
      if (headerLength < StreamHeader.LENGTH) {
        int n = Math.min(len, StreamHeader.LENGTH - headerLength);
        System.arraycopy(b, off, header, headerLength, n);
        headerLength += n;
        off += n;
        len -= n;
        if (headerLength == StreamHeader.LENGTH) {
          start();
        }
      }
      int full = segmentSize + SegmentCipher.TAG_SIZE;
      while (len > 0) {
        if (buffered == 0 && len >= full) {
          emit(b, off, full, false);
          off += full;
          len -= full;
        } else {
          int n = Math.min(len, full - buffered);
          System.arraycopy(b, off, segment, buffered, n);
          buffered += n;
          off += n;
          len -= n;
          if (buffered == full) {
            emit(segment, 0, full, false);
            buffered = 0;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /**
   * Checks that the stream is complete, verifies and writes its final segment. The sink is not
   * closed.
   *
   * @throws IntegrityException if the stream ended early or the final segment (or the digest)
   *     does not verify
   * @throws IllegalStateException if already finished, closed or failed
   */
  public void finish() throws IOException {
    ensureOpen();
    try {
      if (headerLength < StreamHeader.LENGTH) {
        throw new IntegrityException("content stream is truncated: incomplete header");
      }
      if (buffered < SegmentCipher.TAG_SIZE) {
        throw new IntegrityException("content stream is truncated: segment " + index
            + " is missing or incomplete");
      }
      emit(segment, 0, buffered, true);
      done = true;
      release();
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /** Abandons the stream unless it was finished. Does not close the sink. */
  @Override
  public void close() {
    if (!done) {
      fail();
    }
  }

  /** Flushes the sink; a partly received segment stays buffered. */
  @Override
  public void flush() throws IOException {
    sink.flush();
  }

  private void emit(byte[] ciphertext, int offset, int length, boolean last) throws IOException {
    if (digester != null) {
      digester.segment(ciphertext, offset, length);
      if (last && !Hashes.constantTimeEquals(digester.finish(),
          Objects.requireNonNull(expectedDigest))) {
        throw new IntegrityException("content stream does not match its expected digest");
      }
    }
    int n = Objects.requireNonNull(cipher).decrypt(index++, last, ciphertext, offset, length, plaintext, 0);
    sink.write(plaintext, 0, n);
  }

  private void start() {
    StreamHeader parsed = StreamHeader.parse(header);
    if (parsed.version() != 1) {
      throw new IntegrityException("a version-2 content stream is read by range, with its table,"
          + " not pushed");
    }
    cipher = cipherFactory.apply(parsed);
    segmentSize = parsed.segmentSize();
    segment = new byte[segmentSize + SegmentCipher.TAG_SIZE];
    plaintext = new byte[segmentSize];
    if (expectedDigest != null) {
      digester = new CiphertextDigester(header);
    }
  }

  private void fail() {
    done = true;
    release();
  }

  private void release() {
    Wipe.bytes(segment, plaintext);
    if (cipher != null) {
      cipher.destroy();
    }
  }

  private void ensureOpen() {
    if (done) {
      throw new IllegalStateException("the decryptor was already finished, closed or failed");
    }
  }
}
