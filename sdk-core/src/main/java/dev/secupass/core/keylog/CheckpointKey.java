package dev.secupass.core.keylog;

import dev.secupass.core.internal.keylog.SignedNote;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The host's Ed25519 key that signs the key log's checkpoints (a C2SP {@code signed-note} key of
 * type 0x01). Its name is the log's origin. Give the {@link #verifierKey()} to witnesses and
 * auditors; keep the seed like any signing key (a KMS secret, a vault). {@link #toString()} shows
 * the verifier key only.
 */
public final class CheckpointKey {
  private final String name;
  private final byte[] seed;
  private final byte[] publicKey;

  private CheckpointKey(String name, byte[] seed) {
    if (!SignedNote.isValidKeyName(name)) {
      throw new IllegalArgumentException(
          "a checkpoint key name must be non-empty, without spaces or '+'");
    }
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
    }
    this.name = name;
    this.seed = seed.clone();
    this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
  }

  /** A new random key named {@code name} (the log's origin, e.g. {@code example.com/keys}). */
  public static CheckpointKey generate(String name, SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    try {
      return new CheckpointKey(Objects.requireNonNull(name, "name"), seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The key with this 32-byte Ed25519 seed (RFC 8032 private key), from the host's vault. */
  public static CheckpointKey of(String name, byte[] seed) {
    return new CheckpointKey(Objects.requireNonNull(name, "name"), seed);
  }

  /** The key's name, which is the origin line of the checkpoints it signs. */
  public String name() {
    return name;
  }

  /** The C2SP verifier key, {@code name+keyid+base64(0x01 || public key)}. */
  public String verifierKey() {
    return SignedNote.verifierKey(name, SignedNote.ED25519, publicKey);
  }

  /** The 32-byte seed, a copy: for the host to store in its vault. */
  public byte[] seed() {
    return seed.clone();
  }

  /** The 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public String toString() {
    return "CheckpointKey[" + verifierKey() + "]";
  }
}
