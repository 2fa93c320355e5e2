package dev.secupass.core.internal.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Hkdf;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.ByteWriter;

/**
 * The seal an observer puts on its key pins ({@code docs/format.md}, "Key-pin seal"): {@code u32}
 * observer key version, then HMAC-SHA256 under a key derived from the observer's private keys over
 * the observer, subject, subject key version and fingerprint. Only the observer can make or check
 * it, so a storage operator cannot rewrite a pin to vouch for another key.
 */
public final class PinSeal {
  public static final int SIZE = 4 + 32;

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
    byte[] secrets = keys.secrets();
    try {
      byte[] info = new ByteWriter().bytes(KEY_LABEL).string(observer.value())
          .u32(version.value()).toByteArray();
      return Hkdf.sha256(secrets, new byte[32], info, 32);
    } finally {
      Wipe.bytes(secrets);
    }
  }

  public static byte[] seal(byte[] sealKey, UserId observer, KeyVersion observerVersion,
      UserId subject, KeyVersion subjectVersion, Fingerprint fingerprint) {
    byte[] message = new ByteWriter()
        .bytes(SEAL_LABEL)
        .string(observer.value())
        .string(subject.value())
        .u32(subjectVersion.value())
        .string(fingerprint.digits())
        .toByteArray();
    return new ByteWriter(SIZE)
        .u32(observerVersion.value())
        .bytes(Hashes.hmacSha256(sealKey, message))
        .toByteArray();
  }

  public static Check check(byte[] seal, byte[] sealKey, UserId observer,
      KeyVersion observerVersion, UserId subject, KeyVersion subjectVersion,
      Fingerprint fingerprint) {
    if (seal.length == 0) {
      return Check.UNVERIFIABLE;
    }
    if (seal.length != SIZE) {
      return Check.INVALID;
    }
    long sealedBy = ((seal[0] & 0xFFL) << 24) | ((seal[1] & 0xFF) << 16) | ((seal[2] & 0xFF) << 8)
        | (seal[3] & 0xFF);
    if (sealedBy != observerVersion.value()) {
      return Check.UNVERIFIABLE;
    }
    byte[] expected = seal(sealKey, observer, observerVersion, subject, subjectVersion,
        fingerprint);
    return Hashes.constantTimeEquals(expected, seal) ? Check.VALID : Check.INVALID;
  }
}
