package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads whole segments of a content stream's ciphertext. Two modes: sequential, where the final
 * segment is recognised by being shorter than a full one; and by layout, where the total size is
 * known (random access) and each segment's length is expected exactly. Either way, a stream that
 * ends early, also exactly at a segment boundary, raises {@link IntegrityException}.
 */
final class SegmentSource {
  private final InputStream in;
  private final int segmentSize;
  private final @Nullable SegmentLayout layout;
  private long index;

  /** Where the next segment was read to: its index, length and whether it is the final one. */
  record Segment(long index, int length, boolean last) {}

  private SegmentSource(InputStream in, int segmentSize, @Nullable SegmentLayout layout,
      long firstIndex) {
    this.in = in;
    this.segmentSize = segmentSize;
    this.layout = layout;
    this.index = firstIndex;
  }

  static SegmentSource sequential(InputStream in, int segmentSize) {
    return new SegmentSource(in, segmentSize, null, 0);
  }

  static SegmentSource byLayout(InputStream in, SegmentLayout layout, long firstIndex) {
    return new SegmentSource(in, layout.segmentSize(), layout, firstIndex);
  }

  /** Reads the next segment's ciphertext into {@code buffer} at 0. */
  Segment next(byte[] buffer) throws IOException {
    long current = index++;
    if (layout != null) {
      int expected = layout.ciphertextLength(current);
      int read = in.readNBytes(buffer, 0, expected);
      if (read < expected) {
        throw truncated(current);
      }
      return new Segment(current, read, current == layout.lastIndex());
    }
    int full = segmentSize + SegmentCipher.TAG_SIZE;
    int read = in.readNBytes(buffer, 0, full);
    if (read == full) {
      return new Segment(current, read, false);
    }
    if (read < SegmentCipher.TAG_SIZE) {
      throw truncated(current);
    }
    return new Segment(current, read, true);
  }

  private static IntegrityException truncated(long index) {
    return new IntegrityException("content stream is truncated: segment " + index
        + " is missing or incomplete");
  }
}
