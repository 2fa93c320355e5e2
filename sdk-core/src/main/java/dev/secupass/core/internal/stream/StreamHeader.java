package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.Hkdf;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.Contexts;
import dev.secupass.core.internal.format.FormatPrefix;
import java.security.SecureRandom;

/**
 * The 49-byte header of a content stream: the common prefix, the plaintext segment size, the HKDF
 * salt and the nonce prefix ({@code docs/format.md}, "Content stream"). The whole header is part of
 * the HKDF info of the per-file key, so changing any header byte makes every segment fail.
 */
public final class StreamHeader {
  public static final int LENGTH = 49;
  public static final int SALT_SIZE = 32;
  public static final int NONCE_PREFIX_SIZE = 7;
  /** Smallest accepted plaintext segment size (tests use small segments). */
  public static final int MIN_SEGMENT_SIZE = 16;
  /** Largest accepted plaintext segment size; bounds a reader's buffer. */
  public static final int MAX_SEGMENT_SIZE = 8 << 20;

  private static final byte[] CONTENT_LABEL = Labels.of(Labels.CONTENT);

  private final int segmentSize;
  private final byte[] noncePrefix;
  private final byte[] encoded;

  private StreamHeader(int segmentSize, byte[] noncePrefix, byte[] encoded) {
    this.segmentSize = segmentSize;
    this.noncePrefix = noncePrefix;
    this.encoded = encoded;
  }

  /** A header with a fresh salt and nonce prefix. */
  public static StreamHeader create(int segmentSize, SecureRandom random) {
    byte[] salt = new byte[SALT_SIZE];
    byte[] prefix = new byte[NONCE_PREFIX_SIZE];
    random.nextBytes(salt);
    random.nextBytes(prefix);
    return of(segmentSize, salt, prefix);
  }

  /** A header with the given salt and nonce prefix. */
  public static StreamHeader of(int segmentSize, byte[] salt, byte[] noncePrefix) {
    checkSegmentSize(segmentSize);
    if (salt.length != SALT_SIZE || noncePrefix.length != NONCE_PREFIX_SIZE) {
      throw new IllegalArgumentException("salt is 32 bytes and nonce prefix 7 bytes");
    }
    byte[] encoded = FormatPrefix.write(new ByteWriter(LENGTH), FormatPrefix.Kind.CONTENT)
        .u32(segmentSize)
        .bytes(salt)
        .bytes(noncePrefix)
        .toByteArray();
    return new StreamHeader(segmentSize, noncePrefix.clone(), encoded);
  }

  /** Parses a header; {@code bytes} must be exactly {@link #LENGTH} long. */
  public static StreamHeader parse(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, IntegrityException::new);
    FormatPrefix.read(in, FormatPrefix.Kind.CONTENT);
    long segmentSize = in.u32();
    if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
      throw new IntegrityException("content stream header has an invalid segment size");
    }
    in.bytes(SALT_SIZE, "salt");
    byte[] prefix = in.bytes(NONCE_PREFIX_SIZE, "nonce prefix");
    in.end("content stream header");
    return new StreamHeader((int) segmentSize, prefix, bytes.clone());
  }

  public static void checkSegmentSize(int segmentSize) {
    if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
      throw new IllegalArgumentException("segment size must be " + MIN_SEGMENT_SIZE + " to "
          + MAX_SEGMENT_SIZE + " bytes, got " + segmentSize);
    }
  }

  /**
   * The per-file AES-256 key: HKDF-SHA256 with the content key as input key material, the header's
   * salt, and info {@code "SecuPass content v1\0" || header || context}.
   */
  public byte[] deriveFileKey(byte[] contentKey, ContentContext context) {
    byte[] salt = new byte[SALT_SIZE];
    System.arraycopy(encoded, 10, salt, 0, SALT_SIZE);
    byte[] info = new ByteWriter(128)
        .bytes(CONTENT_LABEL)
        .bytes(encoded)
        .bytes(Contexts.encode(context))
        .toByteArray();
    return Hkdf.sha256(contentKey, salt, info, 32);
  }

  public int segmentSize() {
    return segmentSize;
  }

  public byte[] noncePrefix() {
    return noncePrefix.clone();
  }

  /** The header's bytes (a copy). */
  public byte[] encoded() {
    return encoded.clone();
  }
}
