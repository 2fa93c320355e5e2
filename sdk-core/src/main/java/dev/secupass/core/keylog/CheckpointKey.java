package dev.secupass.core.keylog;

import dev.secupass.core.internal.keylog.SignedNote;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The host's Ed25519 key that signs the key log's checkpoints (a C2SP {@code signed-note} key of
 * type 0x01). Its name is the log's origin. Give the {@link #verifierKey()} to witnesses and
 * auditors; keep the {@link #signerKey()} (or the seed) like any signing key (a KMS secret, a
 * vault), and give every SDK instance on one storage the same key ({@code docs/key-log.md}, "The
 * checkpoint key"). {@link #toString()} shows the verifier key only.
 *
 * <pre>{@code
 * CheckpointKey key = CheckpointKey.generate("example.com/secupass-keys", new SecureRandom());
 * vault.put("secupass-checkpoint-key", key.signerKey());        // once, at setup
 * CheckpointKey same = CheckpointKey.parse(vault.get("secupass-checkpoint-key"));  // every start
 * }</pre>
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

  /**
   * The key from its signer key text ({@link #signerKey()}): {@code
   * PRIVATE+KEY+name+keyid+base64(0x01 || seed)}, the form of Go's {@code
   * golang.org/x/mod/sumdb/note} signer keys, which C2SP tools read.
   *
   * @throws IllegalArgumentException if it is not an Ed25519 signer key, or its key ID does not
   *     match the key (the message never shows the key)
   */
  public static CheckpointKey parse(String signerKey) {
    Objects.requireNonNull(signerKey, "signerKey");
    String prefix = "PRIVATE+KEY+";
    String[] parts = signerKey.startsWith(prefix)
        ? signerKey.substring(prefix.length()).split("\\+", 3) : new String[0];
    if (parts.length != 3 || parts[1].length() != 8) {
      throw new IllegalArgumentException(
          "not a checkpoint signer key (PRIVATE+KEY+name+keyid+key)");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a checkpoint signer key: the key is not base64");
    }
    try {
      if (typed.length != 1 + Ed25519.SECRET_KEY_SIZE || typed[0] != SignedNote.ED25519) {
        throw new IllegalArgumentException("not an Ed25519 checkpoint signer key");
      }
      byte[] seed = Arrays.copyOfRange(typed, 1, typed.length);
      CheckpointKey key;
      try {
        key = new CheckpointKey(parts[0], seed);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
      if (!key.verifierKey().split("\\+")[1].equals(parts[1])) {
        throw new IllegalArgumentException("the checkpoint signer key's ID does not match its key");
      }
      return key;
    } finally {
      Arrays.fill(typed, (byte) 0);
    }
  }

  /**
   * The signer key text, {@code PRIVATE+KEY+name+keyid+base64(0x01 || seed)}: a secret, for the
   * host's vault; {@link #parse} reads it back.
   */
  public String signerKey() {
    byte[] typed = new byte[1 + seed.length];
    typed[0] = SignedNote.ED25519;
    System.arraycopy(seed, 0, typed, 1, seed.length);
    try {
      return "PRIVATE+KEY+" + name + "+" + verifierKey().split("\\+")[1] + "+"
          + Base64.getEncoder().encodeToString(typed);
    } finally {
      Arrays.fill(typed, (byte) 0);
    }
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
