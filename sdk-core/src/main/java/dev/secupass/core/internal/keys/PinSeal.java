package dev.secupass.core.internal.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Hkdf;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;

/**
 * The seal an observer puts on its key pins ({@code docs/format.md}, "Key-pin seal"): {@code u32}
 * observer key version, then HMAC-SHA256 under a key derived from the observer's private keys over
 * the observer, subject, subject key version and fingerprint. Only the observer can make or check
 * it, so a storage operator cannot rewrite a pin to vouch for another key.
 *
 * <p>A pin of a suite-2 bundle (with an X-Wing key) also seals the suite: {@code u32} observer key
 * version, {@code u8} suite (2), then the HMAC over the same input followed by {@code u8} suite
 * (37 bytes). So the observer remembers that the subject's keys had a post-quantum key, and a
 * bundle served without it later is a downgrade, not a change of keys.
 */
public final class PinSeal {
  public static final int SIZE = 4 + 32;
  /** Size of a seal that records suite 2. */
  public static final int SIZE_WITH_SUITE = SIZE + 1;

  private static final byte[] KEY_LABEL = Labels.of(Labels.PIN_SEAL_KEY);
  private static final byte[] SEAL_LABEL = Labels.of(Labels.PIN_SEAL);

  private PinSeal() {}

  /** The outcome of checking a seal. */
  public enum Check {
    /** Made by this observer key version, over exactly this pin. */
    VALID,
    /** Made by another key version of the observer (before a reset), or empty: not checkable. */
    UNVERIFIABLE,
    /** Made by this key version but not over this pin, or malformed: the pin was altered. */
    INVALID
  }

  /**
   * The observer's sealing key: HKDF-SHA256 of the private-key material with a salt of 32 zero
   * bytes and info {@code label || str observer || u32 version}.
   */
  public static byte[] deriveKey(PrivateKeys keys, UserId observer, KeyVersion version) {
    byte[] secrets = keys.classicalSecrets();
    try {
      byte[] info = new ByteWriter().bytes(KEY_LABEL).string(observer.value())
          .u32(version.value()).toByteArray();
      return Hkdf.sha256(secrets, new byte[32], info, 32);
    } finally {
      Wipe.bytes(secrets);
    }
  }

  /** The seal of a pin of keys of suite 1. */
  public static byte[] seal(byte[] sealKey, UserId observer, KeyVersion observerVersion,
      UserId subject, KeyVersion subjectVersion, Fingerprint fingerprint) {
    return seal(sealKey, observer, observerVersion, subject, subjectVersion, fingerprint,
        FormatPrefix.SUITE_1);
  }

  /** The seal of a pin of keys of {@code suite} (recorded in the seal for suite 2). */
  public static byte[] seal(byte[] sealKey, UserId observer, KeyVersion observerVersion,
      UserId subject, KeyVersion subjectVersion, Fingerprint fingerprint, int suite) {
    ByteWriter message = new ByteWriter()
        .bytes(SEAL_LABEL)
        .string(observer.value())
        .string(subject.value())
        .u32(subjectVersion.value())
        .string(fingerprint.digits());
    ByteWriter out = new ByteWriter(SIZE_WITH_SUITE).u32(observerVersion.value());
    if (suite != FormatPrefix.SUITE_1) {
      message.u8(suite);
      out.u8(suite);
    }
    return out.bytes(Hashes.hmacSha256(sealKey, message.toByteArray())).toByteArray();
  }

  /**
   * The suite a seal claims (1 for a seal without one, or an empty seal). Trust it only when
   * {@link #check} returned {@link Check#VALID}.
   */
  public static int suite(byte[] seal) {
    return seal.length == SIZE_WITH_SUITE ? seal[4] & 0xFF : FormatPrefix.SUITE_1;
  }

  public static Check check(byte[] seal, byte[] sealKey, UserId observer,
      KeyVersion observerVersion, UserId subject, KeyVersion subjectVersion,
      Fingerprint fingerprint) {
    if (seal.length == 0) {
      return Check.UNVERIFIABLE;
    }
    if (seal.length != SIZE
        && (seal.length != SIZE_WITH_SUITE || suite(seal) != FormatPrefix.SUITE_2)) {
      return Check.INVALID;
    }
    long sealedBy = ((seal[0] & 0xFFL) << 24) | ((seal[1] & 0xFF) << 16) | ((seal[2] & 0xFF) << 8)
        | (seal[3] & 0xFF);
    if (sealedBy != observerVersion.value()) {
      return Check.UNVERIFIABLE;
    }
    byte[] expected = seal(sealKey, observer, observerVersion, subject, subjectVersion,
        fingerprint, suite(seal));
    return Hashes.constantTimeEquals(expected, seal) ? Check.VALID : Check.INVALID;
  }
}
