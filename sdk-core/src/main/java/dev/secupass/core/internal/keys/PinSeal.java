package dev.secupass.core.internal.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Hkdf;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seal an observer puts on its key pins ({@code docs/format.md}, "Key-pin seal"): an HMAC under
 * a key derived from the observer's private keys over the observer, the subject, the subject's key
 * version and fingerprint. Only the observer can make or check it, so a storage operator cannot
 * rewrite a pin to vouch for another key.
 *
 * <p>Version 2 (written now) also seals how the pin was established ({@link Trust}), the suite of
 * the pinned keys and the observer's earlier pins of the same subject ({@link Earlier}), so the
 * observer keeps the history of the subject's key versions it trusted, and remembers that the
 * subject's keys had a post-quantum (X-Wing, suite 2) key: a bundle served without it later is a
 * downgrade, not a change of keys. Version 1 (36 bytes) is still read, as suite 1.
 */
public final class PinSeal {
  /** Size of a version-1 seal. */
  public static final int V1_SIZE = 4 + 32;
  /** The version byte of a version-2 seal. */
  public static final int V2 = 0x02;
  /** The most earlier pins a seal keeps (the oldest are dropped beyond it). */
  public static final int MAX_HISTORY = 64;

  private static final int MAC_SIZE = 32;
  private static final int V2_MIN_SIZE = 1 + 4 + 1 + 1 + 2 + MAC_SIZE;
  private static final byte[] KEY_LABEL = Labels.of(Labels.PIN_SEAL_KEY);
  private static final byte[] SEAL_LABEL = Labels.of(Labels.PIN_SEAL);
  private static final byte[] SEAL_LABEL_V2 = Labels.of(Labels.PIN_SEAL_V2);

  private PinSeal() {}

  /** How a pin was established; its code is the {@code u8 trust} of a version-2 seal. */
  public enum Trust {
    /** Pinned on first use. */
    FIRST_USE(1),
    /** The observer compared the fingerprint out of band. */
    FINGERPRINT_COMPARED(2);

    private final int code;

    Trust(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Trust of(int code) {
      for (Trust trust : values()) {
        if (trust.code == code) {
          return trust;
        }
      }
      throw new IntegrityException("a key pin's seal names an unknown kind of verification");
    }
  }

  /**
   * An earlier pin of the same subject, kept in the seal of the current one.
   *
   * @param version the subject's key version pinned then
   * @param fingerprint its fingerprint
   * @param trust how it was established
   */
  public record Earlier(KeyVersion version, Fingerprint fingerprint, Trust trust) {}

  /** The outcome of checking a seal. */
  public enum Check {
    /** Made by this observer key version, over exactly this pin. */
    VALID,
    /** Made by an older key version of the observer (before its own reset): not checkable. */
    UNVERIFIABLE,
    /**
     * Empty, malformed, made by this key version but not over this pin, or claiming a key version
     * of the observer newer than its own: the pin was altered.
     */
    INVALID
  }

  /**
   * A checked seal.
   *
   * @param check the outcome
   * @param version the seal's format version (1 or 2; 0 if unreadable)
   * @param trust how the pin was established (first use for version 1 and for seals not valid)
   * @param suite the suite of the pinned keys (1 for version 1 and for seals not valid)
   * @param history earlier pins (empty unless valid)
   */
  public record Opened(Check check, int version, Trust trust, int suite, List<Earlier> history) {
    public Opened {
      history = List.copyOf(history);
    }

    static Opened invalid() {
      return new Opened(Check.INVALID, 0, Trust.FIRST_USE, FormatPrefix.SUITE_1, List.of());
    }

    static Opened unverifiable(int version) {
      return new Opened(Check.UNVERIFIABLE, version, Trust.FIRST_USE, FormatPrefix.SUITE_1,
          List.of());
    }
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

  /** A version-1 seal (read only; kept for the vectors). */
  public static byte[] seal(byte[] sealKey, UserId observer, KeyVersion observerVersion,
      UserId subject, KeyVersion subjectVersion, Fingerprint fingerprint) {
    byte[] message = new ByteWriter()
        .bytes(SEAL_LABEL)
        .string(observer.value())
        .string(subject.value())
        .u32(subjectVersion.value())
        .string(fingerprint.digits())
        .toByteArray();
    return new ByteWriter(V1_SIZE)
        .u32(observerVersion.value())
        .bytes(Hashes.hmacSha256(sealKey, message))
        .toByteArray();
  }

  /**
   * A version-2 seal: {@code u8 0x02 || u32 observer key version || u8 trust || u8 suite || u16
   * count || count × (u32 version || str fingerprint || u8 trust) || HMAC}, the HMAC over the
   * label, the observer, subject, subject key version and fingerprint, and every seal byte before
   * it.
   *
   * @param suite the suite of the pinned keys (2 if their bundle has an X-Wing key)
   * @param history earlier pins, oldest first; only the newest {@link #MAX_HISTORY} are kept
   */
  public static byte[] sealV2(byte[] sealKey, UserId observer, KeyVersion observerVersion,
      UserId subject, KeyVersion subjectVersion, Fingerprint fingerprint, Trust trust, int suite,
      List<Earlier> history) {
    if (suite < FormatPrefix.SUITE_1 || suite > FormatPrefix.SUITE_2) {
      throw new IllegalArgumentException("unknown suite " + suite);
    }
    List<Earlier> kept = history.size() > MAX_HISTORY
        ? history.subList(history.size() - MAX_HISTORY, history.size()) : history;
    ByteWriter body = new ByteWriter(64 + 48 * kept.size())
        .u8(V2)
        .u32(observerVersion.value())
        .u8(trust.code())
        .u8(suite)
        .u16(kept.size());
    for (Earlier earlier : kept) {
      body.u32(earlier.version().value()).string(earlier.fingerprint().digits())
          .u8(earlier.trust().code());
    }
    byte[] head = body.toByteArray();
    byte[] mac = macV2(sealKey, observer, subject, subjectVersion, fingerprint, head);
    return new ByteWriter(head.length + MAC_SIZE).bytes(head).bytes(mac).toByteArray();
  }

  /** Checks a seal of either version; see {@link Check} for the outcomes. */
  public static Opened open(byte[] seal, byte[] sealKey, UserId observer,
      KeyVersion observerVersion, UserId subject, KeyVersion subjectVersion,
      Fingerprint fingerprint) {
    if (seal.length == V1_SIZE) {
      return openV1(seal, sealKey, observer, observerVersion, subject, subjectVersion,
          fingerprint);
    }
    if (seal.length < V2_MIN_SIZE || seal[0] != V2) {
      return Opened.invalid();
    }
    try {
      byte[] head = Arrays.copyOf(seal, seal.length - MAC_SIZE);
      ByteReader reader = new ByteReader(head, IntegrityException::new);
      reader.u8();
      Check byVersion = byObserverVersion(reader.u32(), observerVersion);
      if (byVersion != Check.VALID) {
        return byVersion == Check.INVALID ? Opened.invalid() : Opened.unverifiable(V2);
      }
      byte[] expected = macV2(sealKey, observer, subject, subjectVersion, fingerprint, head);
      if (!Hashes.constantTimeEquals(expected,
          Arrays.copyOfRange(seal, head.length, seal.length))) {
        return Opened.invalid();
      }
      Trust trust = Trust.of(reader.u8());
      int suite = reader.u8();
      if (suite < FormatPrefix.SUITE_1 || suite > FormatPrefix.SUITE_2) {
        return Opened.invalid();
      }
      int count = reader.u16();
      List<Earlier> history = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        KeyVersion version = KeyVersion.of(reader.u32AsInt("an earlier pinned key version"));
        Fingerprint earlier = Fingerprint.of(reader.string("an earlier pinned fingerprint"));
        history.add(new Earlier(version, earlier, Trust.of(reader.u8())));
      }
      reader.end("a key pin's seal");
      return new Opened(Check.VALID, V2, trust, suite, history);
    } catch (IntegrityException | IllegalArgumentException e) {
      return Opened.invalid();
    }
  }

  private static Opened openV1(byte[] seal, byte[] sealKey, UserId observer,
      KeyVersion observerVersion, UserId subject, KeyVersion subjectVersion,
      Fingerprint fingerprint) {
    long sealedBy = ((seal[0] & 0xFFL) << 24) | ((seal[1] & 0xFF) << 16) | ((seal[2] & 0xFF) << 8)
        | (seal[3] & 0xFF);
    Check byVersion = byObserverVersion(sealedBy, observerVersion);
    if (byVersion != Check.VALID) {
      return byVersion == Check.INVALID ? Opened.invalid() : Opened.unverifiable(1);
    }
    byte[] expected = seal(sealKey, observer, observerVersion, subject, subjectVersion,
        fingerprint);
    return Hashes.constantTimeEquals(expected, seal)
        ? new Opened(Check.VALID, 1, Trust.FIRST_USE, FormatPrefix.SUITE_1, List.of())
        : Opened.invalid();
  }

  /** Valid so far if made by this version, unverifiable if by an older one, else invalid. */
  private static Check byObserverVersion(long sealedBy, KeyVersion observerVersion) {
    if (sealedBy == observerVersion.value()) {
      return Check.VALID;
    }
    return sealedBy >= 1 && sealedBy < observerVersion.value()
        ? Check.UNVERIFIABLE : Check.INVALID;
  }

  private static byte[] macV2(byte[] sealKey, UserId observer, UserId subject,
      KeyVersion subjectVersion, Fingerprint fingerprint, byte[] head) {
    byte[] message = new ByteWriter(128 + head.length)
        .bytes(SEAL_LABEL_V2)
        .string(observer.value())
        .string(subject.value())
        .u32(subjectVersion.value())
        .string(fingerprint.digits())
        .bytes(head)
        .toByteArray();
    return Hashes.hmacSha256(sealKey, message);
  }
}
