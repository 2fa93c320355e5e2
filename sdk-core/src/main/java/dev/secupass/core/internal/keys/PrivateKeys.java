package dev.secupass.core.internal.keys;

import dev.secupass.core.internal.crypto.Ed25519Signing;
import dev.secupass.core.internal.crypto.HpkeX25519;
import dev.secupass.core.internal.crypto.Wipe;
import java.security.SecureRandom;

/**
 * A user's two private keys, the X25519 key that opens envelopes and the Ed25519 seed that signs,
 * with their public keys. {@link #close()} overwrites the private keys.
 */
public final class PrivateKeys implements AutoCloseable {
  /** Length of {@link #secrets()}: the X25519 private key, then the Ed25519 seed. */
  public static final int SECRETS_SIZE = HpkeX25519.KEY_SIZE + Ed25519Signing.SEED_SIZE;

  private final byte[] encryptionPrivate;
  private final byte[] encryptionPublic;
  private final byte[] signingSeed;
  private final byte[] signingPublic;

  private PrivateKeys(byte[] encryptionPrivate, byte[] signingSeed) {
    this.encryptionPrivate = encryptionPrivate;
    this.signingSeed = signingSeed;
    this.encryptionPublic = HpkeX25519.publicKey(encryptionPrivate);
    this.signingPublic = Ed25519Signing.publicKey(signingSeed);
  }

  /** A fresh key pair of each kind. */
  public static PrivateKeys generate(SecureRandom random) {
    return new PrivateKeys(HpkeX25519.generatePrivateKey(random),
        Ed25519Signing.generateSeed(random));
  }

  /** The keys whose {@link #secrets()} are {@code secrets} (which is not kept; wipe it). */
  public static PrivateKeys fromSecrets(byte[] secrets) {
    if (secrets.length != SECRETS_SIZE) {
      throw new IllegalArgumentException("private key material is " + SECRETS_SIZE + " bytes");
    }
    byte[] encryption = new byte[HpkeX25519.KEY_SIZE];
    byte[] seed = new byte[Ed25519Signing.SEED_SIZE];
    System.arraycopy(secrets, 0, encryption, 0, encryption.length);
    System.arraycopy(secrets, encryption.length, seed, 0, seed.length);
    return new PrivateKeys(encryption, seed);
  }

  /** A new array: the X25519 private key followed by the Ed25519 seed. Wipe it after use. */
  public byte[] secrets() {
    byte[] out = new byte[SECRETS_SIZE];
    System.arraycopy(encryptionPrivate, 0, out, 0, encryptionPrivate.length);
    System.arraycopy(signingSeed, 0, out, encryptionPrivate.length, signingSeed.length);
    return out;
  }

  /** Signs {@code message} (the {@code SIGNED} label is prepended). */
  public byte[] sign(byte[] message) {
    return Ed25519Signing.sign(signingSeed, signingPublic, message, message.length);
  }

  /** The X25519 private key itself (not a copy). */
  public byte[] encryptionPrivate() {
    return encryptionPrivate;
  }

  public byte[] encryptionPublic() {
    return encryptionPublic.clone();
  }

  public byte[] signingPublic() {
    return signingPublic.clone();
  }

  @Override
  public void close() {
    Wipe.bytes(encryptionPrivate, signingSeed);
  }
}
