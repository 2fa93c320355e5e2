package dev.secupass.core.internal.keys;

import dev.secupass.core.internal.crypto.Ed25519Signing;
import dev.secupass.core.internal.crypto.HpkeX25519;
import dev.secupass.core.internal.crypto.HpkeXWing;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.FormatPrefix;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * A user's private keys, the X25519 key that opens suite-1 envelopes and the Ed25519 seed that
 * signs, and in suite 2 also the X-Wing seed that opens suite-2 envelopes, with their public keys.
 * {@link #close()} overwrites the private keys.
 */
public final class PrivateKeys implements AutoCloseable {
  /** Length of the suite-1 {@link #secrets()}: the X25519 private key, then the Ed25519 seed. */
  public static final int SECRETS_SIZE = HpkeX25519.KEY_SIZE + Ed25519Signing.SEED_SIZE;
  /** Length of the suite-2 {@link #secrets()}: the suite-1 secrets, then the X-Wing seed. */
  public static final int SECRETS_SIZE_X_WING = SECRETS_SIZE + HpkeXWing.SEED_SIZE;

  private final byte[] encryptionPrivate;
  private final byte[] encryptionPublic;
  private final byte[] signingSeed;
  private final byte[] signingPublic;
  private final byte @Nullable [] xwingSeed;
  private final byte @Nullable [] xwingPublic;

  private PrivateKeys(byte[] encryptionPrivate, byte[] signingSeed, byte @Nullable [] xwingSeed) {
    this.encryptionPrivate = encryptionPrivate;
    this.signingSeed = signingSeed;
    this.xwingSeed = xwingSeed;
    this.encryptionPublic = HpkeX25519.publicKey(encryptionPrivate);
    this.signingPublic = Ed25519Signing.publicKey(signingSeed);
    this.xwingPublic = xwingSeed == null ? null : HpkeXWing.publicKey(xwingSeed);
  }

  /** Fresh suite-1 keys: an X25519 and an Ed25519 key pair. */
  public static PrivateKeys generate(SecureRandom random) {
    return generate(random, FormatPrefix.SUITE_1);
  }

  /** A fresh key pair of each kind of {@code suite} ({@link FormatPrefix#SUITE_1} or 2). */
  public static PrivateKeys generate(SecureRandom random, int suite) {
    byte[] encryption = HpkeX25519.generatePrivateKey(random);
    byte[] seed = Ed25519Signing.generateSeed(random);
    return new PrivateKeys(encryption, seed,
        suite == FormatPrefix.SUITE_2 ? HpkeXWing.generateSeed(random) : null);
  }

  /**
   * These keys with a fresh X-Wing key added (the migration of a suite-1 key version to suite 2);
   * the classical keys are copied, so closing either instance leaves the other intact.
   */
  public PrivateKeys withXWing(SecureRandom random) {
    if (xwingSeed != null) {
      throw new IllegalStateException("these keys already have an X-Wing key");
    }
    return new PrivateKeys(encryptionPrivate.clone(), signingSeed.clone(),
        HpkeXWing.generateSeed(random));
  }

  /**
   * The keys whose {@link #secrets()} are {@code secrets} (which is not kept; wipe it): {@link
   * #SECRETS_SIZE} bytes for suite 1, {@link #SECRETS_SIZE_X_WING} for suite 2.
   */
  public static PrivateKeys fromSecrets(byte[] secrets) {
    if (secrets.length != SECRETS_SIZE && secrets.length != SECRETS_SIZE_X_WING) {
      throw new IllegalArgumentException("private key material is " + SECRETS_SIZE + " or "
          + SECRETS_SIZE_X_WING + " bytes");
    }
    byte[] encryption = new byte[HpkeX25519.KEY_SIZE];
    byte[] seed = new byte[Ed25519Signing.SEED_SIZE];
    System.arraycopy(secrets, 0, encryption, 0, encryption.length);
    System.arraycopy(secrets, encryption.length, seed, 0, seed.length);
    byte[] xwing = null;
    if (secrets.length == SECRETS_SIZE_X_WING) {
      xwing = new byte[HpkeXWing.SEED_SIZE];
      System.arraycopy(secrets, SECRETS_SIZE, xwing, 0, xwing.length);
    }
    return new PrivateKeys(encryption, seed, xwing);
  }

  /** {@link FormatPrefix#SUITE_2} if these keys include an X-Wing key, else suite 1. */
  public int suite() {
    return xwingSeed == null ? FormatPrefix.SUITE_1 : FormatPrefix.SUITE_2;
  }

  /**
   * A new array: the X25519 private key, the Ed25519 seed and, in suite 2, the X-Wing seed. Wipe
   * it after use.
   */
  public byte[] secrets() {
    byte[] classical = classicalSecrets();
    if (xwingSeed == null) {
      return classical;
    }
    byte[] out = new byte[SECRETS_SIZE_X_WING];
    System.arraycopy(classical, 0, out, 0, SECRETS_SIZE);
    System.arraycopy(xwingSeed, 0, out, SECRETS_SIZE, xwingSeed.length);
    Wipe.bytes(classical);
    return out;
  }

  /**
   * A new array: the X25519 private key followed by the Ed25519 seed, which a migration to suite 2
   * keeps (the pin-sealing key is derived from it). Wipe it after use.
   */
  public byte[] classicalSecrets() {
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

  /** The X-Wing seed itself (not a copy), or null in suite 1. */
  public byte @Nullable [] xwingPrivate() {
    return xwingSeed;
  }

  /** The X-Wing public key, or null in suite 1. */
  public byte @Nullable [] xwingPublic() {
    return xwingPublic == null ? null : xwingPublic.clone();
  }

  @Override
  public void close() {
    Wipe.bytes(encryptionPrivate, signingSeed, xwingSeed);
  }
}
