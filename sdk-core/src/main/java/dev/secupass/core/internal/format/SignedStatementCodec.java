package dev.secupass.core.internal.format;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Ed25519Signing;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;

/**
 * The signed-statement container ({@code docs/format.md}, "Signed statement"): prefix, type,
 * signer and signer key version, the payload, and an Ed25519 signature over all of it.
 */
public final class SignedStatementCodec {
  /** Largest payload accepted (bounds what a reader allocates). */
  public static final int MAX_PAYLOAD = 16 << 20;

  private SignedStatementCodec() {}

  /** The decoded container; the signature is not yet checked. */
  public record Parsed(SignedType type, UserId signer, KeyVersion signerVersion, byte[] payload,
      int signedLength, byte[] encoded) {}

  public static byte[] sign(PrivateKeys keys, UserId signer, KeyVersion version, SignedType type,
      byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload is larger than " + MAX_PAYLOAD + " bytes");
    }
    ByteWriter out = FormatPrefix.write(new ByteWriter(payload.length + 256),
            FormatPrefix.Kind.SIGNED)
        .u8(type.code())
        .string(signer.value())
        .u32(version.value())
        .u32(payload.length)
        .bytes(payload);
    return out.bytes(keys.sign(out.toByteArray())).toByteArray();
  }

  public static Parsed parse(byte[] encoded) {
    ByteReader in = new ByteReader(encoded, IntegrityException::new);
    FormatPrefix.read(in, FormatPrefix.Kind.SIGNED);
    SignedType type = SignedType.of(in.u8());
    UserId signer = PublicKeyBundle.userId(in, in.string("signer"));
    int version = in.u32AsInt("signer key version");
    if (version < 1) {
      throw new IntegrityException("signed statement has an invalid signer key version");
    }
    long length = in.u32();
    if (length > MAX_PAYLOAD) {
      throw new IntegrityException("signed statement payload is too large");
    }
    byte[] payload = in.bytes((int) length, "payload");
    int signedLength = in.position();
    in.bytes(Ed25519Signing.SIGNATURE_SIZE, "signature");
    in.end("signed statement");
    return new Parsed(type, signer, KeyVersion.of(version), payload, signedLength, encoded);
  }

  /** Whether the signature verifies under {@code signingKey}. */
  public static boolean verify(Parsed parsed, byte[] signingKey) {
    return Ed25519Signing.verify(signingKey, parsed.encoded(), parsed.signedLength(),
        parsed.encoded(), parsed.signedLength());
  }
}
