package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;

/**
 * Where the segments of a content stream lie. Every segment but the last holds exactly {@code
 * segmentSize} plaintext bytes; the last holds 0 to {@code segmentSize - 1}, so a stream of {@code
 * P} bytes has {@code P / segmentSize + 1} segments and an exact multiple ends with an empty final
 * segment. Each segment's ciphertext is its plaintext length plus a 16-byte tag. Version 2 adds,
 * after the final segment, the table of 32-byte leaf hashes, one per segment.
 *
 * @param version the stream's format version, 1 or 2
 * @param segmentSize plaintext bytes per full segment
 * @param plaintextSize total plaintext bytes
 */
public record SegmentLayout(int version, int segmentSize, long plaintextSize) {

  public SegmentLayout {
    StreamHeader.checkVersion(version);
    if (plaintextSize < 0) {
      throw new IllegalArgumentException("plaintext size must not be negative");
    }
  }

  /**
   * The layout of a stream of {@code version} whose stored size (header, and in version 2 the
   * table, included) is {@code storedSize} ({@code docs/format.md}, "Random access" and "Content
   * stream, version 2").
   *
   * @throws IntegrityException if no stream of this segment size has that size
   */
  public static SegmentLayout ofCiphertext(int version, int segmentSize, long storedSize) {
    long perSegment = perSegment(version);
    long body = storedSize - StreamHeader.LENGTH;
    if (body < perSegment) {
      throw impossible(storedSize);
    }
    long stride = (long) segmentSize + perSegment;
    long fullSegments = (body - perSegment) / stride;
    long lastLength = (body - perSegment) % stride;
    if (lastLength >= segmentSize) {
      throw impossible(storedSize);
    }
    if (fullSegments > SegmentCipher.MAX_INDEX) {
      throw new IntegrityException("content stream has more than 2^32 segments");
    }
    return new SegmentLayout(version, segmentSize, fullSegments * segmentSize + lastLength);
  }

  /** Stored size of {@code plaintextSize} bytes in {@code version}: header, segments, table. */
  public static long ciphertextSize(int version, long plaintextSize, int segmentSize) {
    return new SegmentLayout(version, segmentSize, plaintextSize).storedSize();
  }

  /** Stored size: header, segments and (version 2) the table. */
  public long storedSize() {
    return StreamHeader.LENGTH + plaintextSize + segments() * perSegment(version);
  }

  /** The number of segments, {@code P / S + 1}. */
  public long segments() {
    return plaintextSize / segmentSize + 1;
  }

  /** Index of the final segment. */
  public long lastIndex() {
    return plaintextSize / segmentSize;
  }

  /** Index of the segment holding plaintext byte {@code offset} ({@code offset <= size}). */
  public long indexOf(long offset) {
    return offset / segmentSize;
  }

  /** Offset of segment {@code index}'s ciphertext within the stream. */
  public long ciphertextOffset(long index) {
    return StreamHeader.LENGTH + index * ((long) segmentSize + SegmentCipher.TAG_SIZE);
  }

  /** Ciphertext length of segment {@code index}, tag included. */
  public int ciphertextLength(long index) {
    long plaintext = index < lastIndex() ? segmentSize : plaintextSize - index * segmentSize;
    return (int) plaintext + SegmentCipher.TAG_SIZE;
  }

  /** Version 2: where the table of leaf hashes starts, right after the final segment. */
  public long tableOffset() {
    return StreamHeader.LENGTH + plaintextSize + segments() * SegmentCipher.TAG_SIZE;
  }

  private static long perSegment(int version) {
    return version == 1 ? SegmentCipher.TAG_SIZE : SegmentCipher.TAG_SIZE + SegmentTable.LEAF_SIZE;
  }

  private static IntegrityException impossible(long storedSize) {
    return new IntegrityException("content stream is truncated: " + storedSize
        + " bytes cannot end with a final segment");
  }
}
