package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Wipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The plaintext of a content stream, read segment by segment with memory for one segment.
 *
 * <p>A segment's plaintext is handed out only after its tag verified. When the caller's buffer
 * holds a whole segment the plaintext is decrypted straight into it; otherwise into this stream's
 * buffer and copied out. {@code read} returns -1 only after the final segment verified (and, when
 * an expected digest was given, after the digest matched); a truncated stream raises {@link
 * IntegrityException} instead. After any failure every further read fails with an {@link
 * IOException}.
 *
 * <p>{@link #close()} closes the source and wipes the buffer.
 */
public final class DecryptingInputStream extends InputStream {
  private final InputStream source;
  private final Function<StreamHeader, SegmentCipher> cipherFactory;
  private final byte @Nullable [] expectedDigest;

  private @Nullable SegmentSource segments;
  private @Nullable SegmentCipher cipher;
  private @Nullable CiphertextDigester digester;
  private @Nullable SegmentTable table;
  private @Nullable MessageDigest sha256;
  private byte[] buffer = new byte[0];
  private int segmentSize;
  private long skip;
  private long remaining;
  private int position;
  private int limit;
  private boolean finished;
  private boolean failed;
  private boolean closed;

  private DecryptingInputStream(InputStream source,
      Function<StreamHeader, SegmentCipher> cipherFactory, byte @Nullable [] expectedDigest) {
    this.source = source;
    this.cipherFactory = cipherFactory;
    this.expectedDigest = expectedDigest == null ? null : expectedDigest.clone();
    this.remaining = Long.MAX_VALUE;
  }

  /**
   * Decrypts a whole stream read from its start; the header is read at the first read.
   *
   * @param cipherFactory makes the segment cipher for the header found
   * @param expectedDigest the two-level ciphertext digest to check before the final segment's
   *     plaintext is handed out, or {@code null}
   */
  public static DecryptingInputStream sequential(InputStream source,
      Function<StreamHeader, SegmentCipher> cipherFactory, byte @Nullable [] expectedDigest) {
    return new DecryptingInputStream(source, cipherFactory, expectedDigest);
  }

  /**
   * Decrypts part of a stream whose header and total size are known.
   *
   * @param source the ciphertext from the start of segment {@code firstIndex}
   * @param skip plaintext bytes to drop from the first segment
   * @param length plaintext bytes to deliver at most
   * @param table a version-2 stream's table: each segment must have its leaf before it is
   *     decrypted; {@code null} for version 1
   */
  public static DecryptingInputStream range(InputStream source, StreamHeader header,
      SegmentCipher cipher, SegmentLayout layout, long firstIndex, long skip, long length,
      @Nullable SegmentTable table) {
    DecryptingInputStream stream = new DecryptingInputStream(source, h -> cipher, null);
    stream.start(header, SegmentSource.byLayout(source, layout, firstIndex));
    stream.table = table;
    stream.sha256 = table == null ? null : Hashes.sha256();
    stream.skip = skip;
    stream.remaining = length;
    return stream;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureUsable();
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (position < limit) {
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
      }
      if (finished) {
        return -1;
      }
      startIfNeeded();
      if (skip == 0 && len >= segmentSize && remaining >= segmentSize) {
        int n = nextSegment(b, off);
        if (n > 0) {
          return n;
        }
      } else {
        fillBuffer();
      }
    }
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    ensureUsable();
    long total = 0;
    while (true) {
      if (position < limit) {
        out.write(buffer, position, limit - position);
        total += limit - position;
        position = limit;
      }
      if (finished) {
        return total;
      }
      startIfNeeded();
      fillBuffer();
    }
  }

  @Override
  public int available() {
    return limit - position;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    Wipe.bytes(buffer);
    if (cipher != null) {
      cipher.destroy();
    }
    source.close();
  }

  /** Decrypts the next segment in place and makes its part within the range available. */
  private void fillBuffer() throws IOException {
    int n = nextSegment(buffer, 0);
    position = (int) skip;
    limit = (int) Math.min(n, skip + remaining);
    remaining -= Math.max(0, limit - position);
    skip = 0;
    finished |= remaining == 0;
  }

  /**
   * Reads, verifies and decrypts the next segment into {@code out} at {@code offset}, where {@code
   * segmentSize} bytes fit; marks the stream finished after the final segment.
   */
  private int nextSegment(byte[] out, int offset) throws IOException {
    try {
      SegmentSource.Segment segment = Objects.requireNonNull(segments).next(buffer);
      if (table != null) {
        table.checkSegment(Objects.requireNonNull(sha256), segment.index(), buffer, 0,
            segment.length());
      }
      if (digester != null) {
        digester.segment(buffer, 0, segment.length());
        if (segment.last()) {
          checkDigest(digester.finish());
        }
      }
      int n = Objects.requireNonNull(cipher).decrypt(segment.index(), segment.last(), buffer, 0, segment.length(), out,
          offset);
      if (segment.last()) {
        finished = true;
      }
      if (out != buffer) {
        remaining -= n;
        finished |= remaining == 0;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      failed = true;
      Wipe.bytes(buffer);
      throw e;
    }
  }

  private void checkDigest(byte[] actual) {
    if (!Hashes.constantTimeEquals(actual, Objects.requireNonNull(expectedDigest))) {
      throw new IntegrityException("content stream does not match its expected digest");
    }
  }

  private void startIfNeeded() throws IOException {
    if (segments != null) {
      return;
    }
    byte[] headerBytes = source.readNBytes(StreamHeader.LENGTH);
    if (headerBytes.length < StreamHeader.LENGTH) {
      failed = true;
      throw new IntegrityException("content stream is truncated: incomplete header");
    }
    StreamHeader header;
    try {
      header = StreamHeader.parse(headerBytes);
      if (header.version() != 1) {
        throw new IntegrityException("a version-2 content stream is read by range, with its"
            + " table, not sequentially");
      }
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
    start(header, SegmentSource.sequential(source, header.segmentSize()));
    if (expectedDigest != null) {
      digester = new CiphertextDigester(headerBytes);
    }
  }

  private void start(StreamHeader header, SegmentSource segmentSource) {
    this.segmentSize = header.segmentSize();
    this.cipher = cipherFactory.apply(header);
    this.buffer = new byte[segmentSize + SegmentCipher.TAG_SIZE];
    this.segments = segmentSource;
  }

  private void ensureUsable() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (failed) {
      throw new IOException("content stream failed earlier; it cannot be read further");
    }
  }
}
