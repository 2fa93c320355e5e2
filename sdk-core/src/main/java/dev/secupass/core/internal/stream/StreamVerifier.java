package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.crypto.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Checks a content stream that someone else encrypted, without its key, while copying it: the
 * header (a known version, a valid segment size), that the declared stored size is one a stream of
 * that segment size can have, and in version 2 that the table at the end holds every segment's
 * leaf hash. It computes the digest a manifest signs (version 1's two-level ciphertext digest,
 * version 2's stream digest), so a relay can compare it with the signed one. What it cannot check
 * without the key is whether the segments decrypt: their tags are the reader's check.
 */
public final class StreamVerifier {
  /**
   * What the copied stream is.
   *
   * @param version 1 or 2
   * @param plaintextSize the plaintext bytes the layout implies
   * @param storedSize the bytes copied
   * @param digest the digest a manifest records for it
   */
  public record Checked(int version, long plaintextSize, long storedSize, byte[] digest) {
    public Checked {
      digest = digest.clone();
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }
  }

  private StreamVerifier() {}

  /**
   * Copies exactly {@code storedSize} bytes of {@code source} to {@code sink}, checking them.
   *
   * @param plaintextLimit called with the plaintext size the header and {@code storedSize} imply,
   *     before any segment is copied; throws to refuse the stream
   *
   * @throws IntegrityException if the header, the size or (version 2) the table is wrong, or the
   *     source ends early or goes on beyond {@code storedSize}
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown stream version
   */
  public static Checked copy(InputStream source, OutputStream sink, long storedSize,
      LongConsumer plaintextLimit) throws IOException {
    byte[] headerBytes = source.readNBytes(StreamHeader.LENGTH);
    if (headerBytes.length < StreamHeader.LENGTH) {
      throw new IntegrityException("content stream is truncated: it ends inside its header");
    }
    StreamHeader header = StreamHeader.parse(headerBytes);
    SegmentLayout layout = SegmentLayout.ofCiphertext(header.version(), header.segmentSize(),
        storedSize);
    plaintextLimit.accept(layout.plaintextSize());
    sink.write(headerBytes);
    MessageDigest sha256 = Hashes.sha256();
    CiphertextDigester v1 = header.version() == 1 ? new CiphertextDigester(headerBytes) : null;
    SegmentTable table = header.version() == 2 ? SegmentTable.forWriting() : null;
    byte[] segment = new byte[header.segmentSize() + SegmentCipher.TAG_SIZE];
    for (long index = 0; index <= layout.lastIndex(); index++) {
      int length = layout.ciphertextLength(index);
      readFully(source, segment, length);
      sink.write(segment, 0, length);
      if (v1 != null) {
        v1.segment(segment, 0, length);
      } else if (table != null) {
        table.add(SegmentTable.leaf(sha256, segment, 0, length));
      }
    }
    byte[] digest;
    if (table != null) {
      byte[] stored = new byte[Math.toIntExact(layout.segments() * SegmentTable.LEAF_SIZE)];
      readFully(source, stored, stored.length);
      sink.write(stored);
      if (!Arrays.equals(stored, table.encoded())) {
        throw new IntegrityException("content stream's segment table does not match its"
            + " segments");
      }
      digest = table.streamDigest(headerBytes);
    } else {
      digest = v1 == null ? new byte[0] : v1.finish();
    }
    if (source.read() != -1) {
      throw new IntegrityException("content stream is longer than its declared "
          + storedSize + " bytes");
    }
    return new Checked(header.version(), layout.plaintextSize(), storedSize, digest);
  }

  private static void readFully(InputStream source, byte[] into, int length) throws IOException {
    int read = source.readNBytes(into, 0, length);
    if (read < length) {
      throw new IntegrityException("content stream is truncated: it is shorter than its"
          + " declared size");
    }
  }
}
