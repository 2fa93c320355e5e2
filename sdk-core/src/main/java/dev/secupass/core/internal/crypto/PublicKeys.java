package dev.secupass.core.internal.crypto;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.Fingerprints;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.spi.KeyRecord;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One version of a user's public keys, parsed from the self-signed bundle stored in {@link
 * KeyRecord#publicKeys()}: the X25519 key envelopes are sealed to and the Ed25519 key that checks
 * the user's signatures.
 *
 * <p>A parsed bundle is well-formed and self-consistent, but only as trustworthy as where it came
 * from: storage can replace a bundle whole. Obtain keys of other users through {@link
 * dev.secupass.core.internal.keys.KeyPinning}, which compares them with the pinned fingerprint.
 */
public final class PublicKeys {
  private final byte[] encoded;
  private final UserId user;
  private final KeyVersion version;
  private final byte[] encryptionKey;
  private final byte[] signingKey;
  private final int suite;
  private final byte @Nullable [] xwingKey;
  private final Fingerprint fingerprint;

  private PublicKeys(byte[] encoded, PublicKeyBundle.Fields fields) {
    this.encoded = encoded;
    this.user = fields.user();
    this.version = fields.version();
    this.encryptionKey = fields.encryptionKey();
    this.signingKey = fields.signingKey();
    this.suite = fields.suite();
    this.xwingKey = fields.xwingKey();
    this.fingerprint = Fingerprints.of(user, encryptionKey, signingKey);
  }

  /**
   * Parses a bundle and checks its self-signature.
   *
   * @throws IntegrityException if it is malformed
   * @throws dev.secupass.api.InvalidSignatureException if the self-signature does not verify
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version or suite
   */
  public static PublicKeys parse(byte[] bundle) {
    byte[] copy = bundle.clone();
    return new PublicKeys(copy, PublicKeyBundle.decode(copy));
  }

  /**
   * The public keys of a stored key record; the bundle must name the record's user and version.
   *
   * @throws IntegrityException if it names another user or version, or is malformed
   */
  public static PublicKeys of(KeyRecord record) {
    return named(record, parse(record.publicKeys()));
  }

  /**
   * {@code keys}, parsed (and verified) from exactly {@code record}'s bundle earlier, if the bundle
   * names the record's user and version: what {@link #of(KeyRecord)} returns, without parsing
   * again ({@link VerifiedBundles}).
   *
   * @throws IntegrityException if it names another user or version
   */
  static PublicKeys named(KeyRecord record, PublicKeys keys) {
    if (!keys.user.equals(record.user()) || !keys.version.equals(record.version())) {
      throw new IntegrityException("the public keys stored for user " + record.user() + " "
          + record.version() + " belong to user " + keys.user + " " + keys.version);
    }
    return keys;
  }

  public UserId user() {
    return user;
  }

  public KeyVersion version() {
    return version;
  }

  /**
   * The bundle's suite: 1 (X25519 envelopes) or 2 ({@link
   * dev.secupass.core.internal.format.FormatPrefix#SUITE_2}, X-Wing envelopes). Envelopes to these
   * keys are sealed in this suite, never a weaker one.
   */
  public int suite() {
    return suite;
  }

  /** The raw 1216-byte X-Wing public key, or null in suite 1. */
  public byte @Nullable [] xwingKey() {
    return xwingKey == null ? null : xwingKey.clone();
  }

  /**
   * The fingerprint people compare (eight groups of five digits). It covers the user, the X25519
   * and the Ed25519 key, not the X-Wing key, which the Ed25519 self-signature binds: adding an
   * X-Wing key to a key version keeps its fingerprint, so pins carry over.
   */
  public Fingerprint fingerprintX() {
    return fingerprint;
  }

  /** The fingerprint people compare out of band (eight groups of five digits). */
  public Fingerprint fingerprint() {
    return fingerprint;
  }

  /** The stored bundle. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The raw 32-byte X25519 public key. */
  public byte[] encryptionKey() {
    return encryptionKey.clone();
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] signingKey() {
    return signingKey.clone();
  }

  /** Equal when the encoded bundles are equal (public data). */
  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKeys p && Arrays.equals(encoded, p.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "PublicKeys[user=" + user + ", version=" + version + ", suite=" + suite
        + ", fingerprint=" + fingerprint + "]";
  }
}
