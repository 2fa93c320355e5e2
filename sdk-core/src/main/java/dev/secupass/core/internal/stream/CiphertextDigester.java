package dev.secupass.core.internal.stream;

import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import java.security.MessageDigest;

/**
 * The two-level ciphertext digest of a content stream: {@code SHA-256("SecuPass ciphertext digest
 * v1\0" || header || SHA-256(segment 0) || ... || SHA-256(segment n-1))}, each segment's hash taken
 * over its ciphertext and tag. Collision-resistant like a plain SHA-256 of the ciphertext, but the
 * segment hashes can be computed on several cores.
 */
public final class CiphertextDigester {
  private static final byte[] LABEL = Labels.of(Labels.CIPHERTEXT_DIGEST);

  private final MessageDigest outer = Hashes.sha256();
  private final MessageDigest inner = Hashes.sha256();

  public CiphertextDigester(byte[] header) {
    outer.update(LABEL);
    outer.update(header);
  }

  /** Adds the next segment's ciphertext. */
  public void segment(byte[] ciphertext, int offset, int length) {
    inner.update(ciphertext, offset, length);
    outer.update(inner.digest());
  }

  /** Adds the next segment by its hash, computed elsewhere with {@link #segmentHash}. */
  public void segmentHash(byte[] hash) {
    outer.update(hash);
  }

  /** The hash of one segment's ciphertext, for {@link #segmentHash(byte[])}. */
  public static byte[] hashSegment(MessageDigest sha256, byte[] ciphertext, int offset,
      int length) {
    sha256.update(ciphertext, offset, length);
    return sha256.digest();
  }

  /** The digest; the digester cannot be used afterwards. */
  public byte[] finish() {
    return outer.digest();
  }
}
