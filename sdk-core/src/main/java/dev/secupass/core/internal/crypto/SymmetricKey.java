package dev.secupass.core.internal.crypto;

import java.security.SecureRandom;

/**
 * A 256-bit secret key: the content key of a delivery or of a room file, or a room's key of one
 * epoch. It has no {@code equals} and no revealing {@code toString}; {@link #close()} overwrites the
 * key bytes (copies that the JDK's {@code Cipher} made internally cannot be reached).
 *
 * <p>Not safe to close while another thread is using it.
 */
public final class SymmetricKey implements AutoCloseable {
  /** Key length in bytes. */
  public static final int SIZE = 32;

  private static final byte[] COMMITMENT_LABEL = Labels.of(Labels.KEY_COMMITMENT);

  private final byte[] material;
  private volatile boolean destroyed;

  private SymmetricKey(byte[] material) {
    this.material = material;
  }

  /** A fresh random key. */
  public static SymmetricKey generate(SecureRandom random) {
    byte[] material = new byte[SIZE];
    random.nextBytes(material);
    return new SymmetricKey(material);
  }

  /**
   * A key from its raw bytes, for a key that was wrapped outside the SDK (for example under the
   * host's at-rest key at levels 1 and 2). The bytes are copied; wipe yours afterwards.
   *
   * @throws IllegalArgumentException unless {@code bytes} is 32 bytes long
   */
  public static SymmetricKey importBytes(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a symmetric key is " + SIZE + " bytes, got "
          + bytes.length);
    }
    return new SymmetricKey(bytes.clone());
  }

  /**
   * A copy of the raw key bytes, for wrapping the key outside the SDK. The caller must not log or
   * store them in the clear, and should wipe the copy after use.
   */
  public byte[] exportBytes() {
    return material().clone();
  }

  /**
   * The key commitment: HMAC-SHA256 keyed with this key over the label {@code "SecuPass key
   * commitment v1\0"} (32 bytes). A signed manifest carries it so a recipient can tell that the key
   * it unwrapped is the one the sender encrypted with; finding two keys with the same commitment
   * means breaking SHA-256. It reveals nothing about the key.
   */
  public byte[] commitment() {
    return Hashes.hmacSha256(material(), COMMITMENT_LABEL);
  }

  /** Whether {@code commitment} is this key's {@link #commitment()}, compared in constant time. */
  public boolean matchesCommitment(byte[] commitment) {
    return Hashes.constantTimeEquals(commitment(), commitment);
  }

  /** Whether {@link #close()} was called. */
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Overwrites the key bytes; using the key afterwards throws {@link IllegalStateException}. */
  @Override
  public void close() {
    destroyed = true;
    Wipe.bytes(material);
  }

  /** The key bytes themselves, not a copy: only for this package's ciphers. */
  byte[] material() {
    if (destroyed) {
      throw new IllegalStateException("the key was closed and wiped");
    }
    return material;
  }
}
