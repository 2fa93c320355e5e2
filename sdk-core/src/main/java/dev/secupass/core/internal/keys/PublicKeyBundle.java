package dev.secupass.core.internal.keys;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Ed25519Signing;
import dev.secupass.core.internal.crypto.HpkeX25519;
import dev.secupass.core.internal.crypto.HpkeXWing;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import org.jspecify.annotations.Nullable;

/**
 * The public-key bundle stored in {@code KeyRecord.publicKeys} ({@code docs/format.md}, "Public-key
 * bundle"): user, key version, X25519 and Ed25519 public keys, and in suite 2 an X-Wing public key,
 * self-signed with the Ed25519 key.
 */
public final class PublicKeyBundle {
  private PublicKeyBundle() {}

  /** The decoded, signature-checked fields. */
  public record Fields(int suite, UserId user, KeyVersion version, byte[] encryptionKey,
      byte[] signingKey, byte @Nullable [] xwingKey) {}

  /** The bundle of {@code keys}, in their suite. */
  public static byte[] encode(UserId user, KeyVersion version, PrivateKeys keys) {
    ByteWriter out = FormatPrefix.writeSuite(new ByteWriter(), FormatPrefix.Kind.PUBLIC_KEYS,
            keys.suite())
        .string(user.value())
        .u32(version.value())
        .bytes(keys.encryptionPublic())
        .bytes(keys.signingPublic());
    byte[] xwing = keys.xwingPublic();
    if (xwing != null) {
      out.bytes(xwing);
    }
    byte[] signedPart = out.toByteArray();
    return out.bytes(keys.sign(signedPart)).toByteArray();
  }

  /**
   * Decodes a bundle, checks its keys and then its self-signature.
   *
   * @throws IntegrityException if it is malformed, or a key is of small order or not canonically
   *     encoded
   * @throws InvalidSignatureException if the self-signature does not verify
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version or suite
   */
  public static Fields decode(byte[] bundle) {
    ByteReader in = new ByteReader(bundle, IntegrityException::new);
    int suite = FormatPrefix.readSuite(in, FormatPrefix.Kind.PUBLIC_KEYS, FormatPrefix.SUITE_2);
    UserId user = userId(in, in.string("user id"));
    long version = in.u32();
    if (version < 1 || version > Integer.MAX_VALUE) {
      throw new IntegrityException("public-key bundle has an invalid key version");
    }
    byte[] encryptionKey = in.bytes(HpkeX25519.KEY_SIZE, "X25519 public key");
    byte[] signingKey = in.bytes(Ed25519Signing.PUBLIC_KEY_SIZE, "Ed25519 public key");
    byte[] xwingKey = suite == FormatPrefix.SUITE_2
        ? in.bytes(HpkeXWing.PUBLIC_KEY_SIZE, "X-Wing public key") : null;
    int signedLength = in.position();
    in.bytes(Ed25519Signing.SIGNATURE_SIZE, "self-signature");
    in.end("public-key bundle");
    if (!HpkeX25519.isValidPublicKey(encryptionKey)) {
      throw new IntegrityException("public-key bundle of user " + user + " has an unusable X25519"
          + " key (of small order or not canonically encoded)");
    }
    if (!Ed25519Signing.isValidPublicKey(signingKey)) {
      throw new IntegrityException("public-key bundle of user " + user + " has an unusable Ed25519"
          + " key (of small order, not on the curve, or not canonically encoded)");
    }
    if (xwingKey != null && !HpkeXWing.isValidPublicKey(xwingKey)) {
      throw new IntegrityException("public-key bundle of user " + user + " has an unusable X-Wing"
          + " key (its ML-KEM part fails the encapsulation key check, or its X25519 part is of"
          + " small order or not canonically encoded)");
    }
    if (!Ed25519Signing.verify(signingKey, bundle, signedLength, bundle, signedLength)) {
      throw new InvalidSignatureException("public-key bundle of user " + user
          + " has an invalid self-signature");
    }
    return new Fields(suite, user, KeyVersion.of((int) version), encryptionKey, signingKey,
        xwingKey);
  }

  /** A user id read from stored data; an invalid one is damage, reported by {@code in}. */
  public static UserId userId(ByteReader in, String value) {
    try {
      return UserId.of(value);
    } catch (IllegalArgumentException e) {
      throw in.malformed("invalid user id");
    }
  }
}
