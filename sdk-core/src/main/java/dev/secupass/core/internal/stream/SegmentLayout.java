package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;

/**
 * Where the segments of a content stream lie. Every segment but the last holds exactly {@code
 * segmentSize} plaintext bytes; the last holds 0 to {@code segmentSize - 1}, so a stream of {@code
 * P} bytes has {@code P / segmentSize + 1} segments and an exact multiple ends with an empty final
 * segment. Each segment's ciphertext is its plaintext length plus a 16-byte tag.
 *
 * @param segmentSize plaintext bytes per full segment
 * @param plaintextSize total plaintext bytes
 */
public record SegmentLayout(int segmentSize, long plaintextSize) {

  /** The layout of a stream whose ciphertext (header included) is {@code ciphertextSize} long. */
  public static SegmentLayout ofCiphertext(int segmentSize, long ciphertextSize) {
    long body = ciphertextSize - StreamHeader.LENGTH;
    long stride = (long) segmentSize + SegmentCipher.TAG_SIZE;
    long fullSegments = body / stride;
    long lastLength = body % stride;
    if (body < SegmentCipher.TAG_SIZE || lastLength < SegmentCipher.TAG_SIZE) {
      throw new IntegrityException("content stream is truncated: " + ciphertextSize
          + " bytes cannot end with a final segment");
    }
    return new SegmentLayout(segmentSize, fullSegments * segmentSize + lastLength
        - SegmentCipher.TAG_SIZE);
  }

  /** Ciphertext size, header included, of {@code plaintextSize} bytes. */
  public static long ciphertextSize(long plaintextSize, int segmentSize) {
    if (plaintextSize < 0) {
      throw new IllegalArgumentException("plaintext size must not be negative");
    }
    long segments = plaintextSize / segmentSize + 1;
    return StreamHeader.LENGTH + plaintextSize + segments * SegmentCipher.TAG_SIZE;
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
}
