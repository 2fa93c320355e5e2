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
  private static final byte[] CONTENT_LABEL_V2 = Labels.of(Labels.CONTENT_V2);

  private final int version;
  private final int segmentSize;
  private final byte[] noncePrefix;
  private final byte[] encoded;

  private StreamHeader(int version, int segmentSize, byte[] noncePrefix, byte[] encoded) {
    this.version = version;
    this.segmentSize = segmentSize;
    this.noncePrefix = noncePrefix;
    this.encoded = encoded;
  }

  /** A header of {@code version} (1 or 2) with a fresh salt and nonce prefix. */
  public static StreamHeader create(int version, int segmentSize, SecureRandom random) {
    byte[] salt = new byte[SALT_SIZE];
    byte[] prefix = new byte[NONCE_PREFIX_SIZE];
    random.nextBytes(salt);
    random.nextBytes(prefix);
    return of(version, segmentSize, salt, prefix);
  }

  /** A header of {@code version} (1 or 2) with the given salt and nonce prefix. */
  public static StreamHeader of(int version, int segmentSize, byte[] salt, byte[] noncePrefix) {
    checkSegmentSize(segmentSize);
    checkVersion(version);
    if (salt.length != SALT_SIZE || noncePrefix.length != NONCE_PREFIX_SIZE) {
      throw new IllegalArgumentException("salt is 32 bytes and nonce prefix 7 bytes");
    }
    byte[] encoded = FormatPrefix.writeVersion(new ByteWriter(LENGTH), FormatPrefix.Kind.CONTENT,
            version)
        .u32(segmentSize)
        .bytes(salt)
        .bytes(noncePrefix)
        .toByteArray();
    return new StreamHeader(version, segmentSize, noncePrefix.clone(), encoded);
  }

  /** Parses a header of version 1 or 2; {@code bytes} must be exactly {@link #LENGTH} long. */
  public static StreamHeader parse(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, IntegrityException::new);
    int version = FormatPrefix.readVersion(in, FormatPrefix.Kind.CONTENT, FormatPrefix.VERSION_1,
        FormatPrefix.VERSION_2);
    long segmentSize = in.u32();
    if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
      throw new IntegrityException("content stream header has an invalid segment size");
    }
    in.bytes(SALT_SIZE, "salt");
    byte[] prefix = in.bytes(NONCE_PREFIX_SIZE, "nonce prefix");
    in.end("content stream header");
    return new StreamHeader(version, (int) segmentSize, prefix, bytes.clone());
  }

  /** @throws IllegalArgumentException unless {@code version} is 1 or 2 */
  public static void checkVersion(int version) {
    if (version != FormatPrefix.VERSION_1 && version != FormatPrefix.VERSION_2) {
      throw new IllegalArgumentException("content stream version must be 1 or 2, got " + version);
    }
  }

  public static void checkSegmentSize(int segmentSize) {
    if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
      throw new IllegalArgumentException("segment size must be " + MIN_SEGMENT_SIZE + " to "
          + MAX_SEGMENT_SIZE + " bytes, got " + segmentSize);
    }
  }

  /**
   * The per-file AES-256 key: HKDF-SHA256 with the content key as input key material, the header's
   * salt, and info {@code "SecuPass content v1\0" || header || context} ({@code "SecuPass
   * content v2\0"} in version 2).
   */
  public byte[] deriveFileKey(byte[] contentKey, ContentContext context) {
    byte[] salt = new byte[SALT_SIZE];
    System.arraycopy(encoded, 10, salt, 0, SALT_SIZE);
    byte[] info = new ByteWriter(128)
        .bytes(version == FormatPrefix.VERSION_2 ? CONTENT_LABEL_V2 : CONTENT_LABEL)
        .bytes(encoded)
        .bytes(Contexts.encode(context))
        .toByteArray();
    return Hkdf.sha256(contentKey, salt, info, 32);
  }

  /** The format version: 1, or 2 with the table of segment hashes. */
  public int version() {
    return version;
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
