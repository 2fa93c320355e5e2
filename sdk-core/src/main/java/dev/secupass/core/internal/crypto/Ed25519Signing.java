package dev.secupass.core.internal.crypto;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032, pure, no context) on BouncyCastle's low-level implementation, which works on
 * plain arrays we can wipe and takes the public key so it is not recomputed per signature. Every
 * signature input starts with the {@link Labels#SIGNED} label.
 */
public final class Ed25519Signing {
  public static final int SEED_SIZE = Ed25519.SECRET_KEY_SIZE;
  public static final int PUBLIC_KEY_SIZE = Ed25519.PUBLIC_KEY_SIZE;
  public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

  private static final byte[] SIGNED = Labels.of(Labels.SIGNED);

  private Ed25519Signing() {}

  /** A fresh 32-byte private key (seed) from {@code random}. */
  public static byte[] generateSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_SIZE];
    Ed25519.generatePrivateKey(random, seed);
    return seed;
  }

  public static byte[] publicKey(byte[] seed) {
    byte[] publicKey = new byte[PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    return publicKey;
  }

  /** Signs {@code SIGNED label || message[0, length)}. */
  public static byte[] sign(byte[] seed, byte[] publicKey, byte[] message, int length) {
    byte[] input = labelled(message, length);
    byte[] signature = new byte[SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, input, 0, input.length, signature, 0);
    return signature;
  }

  /**
   * Whether {@code publicKey} is a key the SDK accepts in a public-key bundle: the canonical
   * encoding of a point on the curve that is not of small order ({@code docs/format.md}, "Ed25519
   * verification"). A point with a small-order component besides its prime-order one is accepted
   * (checking for one costs a scalar multiplication per key; only the key's holder can sign with
   * it, and verification is cofactored).
   */
  public static boolean isValidPublicKey(byte[] publicKey) {
    return publicKey.length == PUBLIC_KEY_SIZE && Ed25519.validatePublicKeyPartial(publicKey, 0);
  }

  /**
   * Verifies a signature made by {@link #sign} as BouncyCastle does: {@code S} must be below the
   * group order, {@code R} and the key must be canonical encodings of curve points, the key must
   * not be of small order, and the equation is the cofactored one, {@code [8][S]B = [8]R +
   * [8][k]A}.
   */
  public static boolean verify(
      byte[] publicKey, byte[] message, int length, byte[] signature, int signatureOffset) {
    if (publicKey.length != PUBLIC_KEY_SIZE || signature.length - signatureOffset < SIGNATURE_SIZE) {
      return false;
    }
    byte[] input = labelled(message, length);
    return Ed25519.verify(signature, signatureOffset, publicKey, 0, input, 0, input.length);
  }

  private static byte[] labelled(byte[] message, int length) {
    byte[] input = new byte[SIGNED.length + length];
    System.arraycopy(SIGNED, 0, input, 0, SIGNED.length);
    System.arraycopy(message, 0, input, SIGNED.length, length);
    return input;
  }
}
