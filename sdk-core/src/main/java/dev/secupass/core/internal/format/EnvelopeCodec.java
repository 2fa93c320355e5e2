package dev.secupass.core.internal.format;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Ed25519Signing;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.HpkeX25519;
import dev.secupass.core.internal.crypto.HpkeXWing;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;

/**
 * Envelopes ({@code docs/format.md}, "Envelope"): a 32-byte key sealed with HPKE to a recipient's
 * X25519 key (suite 1) or X-Wing key (suite 2), with {@code info} binding the suite, the context,
 * the recipient and key version and the granter, then signed by the granter's Ed25519 key. An
 * envelope is sealed in the suite of the recipient's bundle, never a weaker one.
 */
public final class EnvelopeCodec {
  public static final int KEY_SIZE = 32;

  private static final byte[] ENVELOPE_LABEL = Labels.of(Labels.ENVELOPE);

  private EnvelopeCodec() {}

  /** The decoded envelope; nothing is verified yet. */
  public record Parsed(int suite, EnvelopeContext context, UserId recipient, KeyVersion recipientVersion,
      UserId granter, KeyVersion granterVersion, int headerLength, byte[] enc, byte[] ciphertext,
      int signedLength, byte[] encoded) {

    /** HPKE info: the label and the header (prefix through granter key version). */
    byte[] info() {
      return new ByteWriter(ENVELOPE_LABEL.length + headerLength)
          .bytes(ENVELOPE_LABEL)
          .bytes(encoded, 0, headerLength)
          .toByteArray();
    }
  }

  /**
   * Seals {@code key} to {@code recipient} in the suite of the recipient's bundle (X-Wing for a
   * suite-2 bundle) and signs it with {@code granterKeys}.
   */
  public static byte[] seal(PrivateKeys granterKeys, UserId granter, KeyVersion granterVersion,
      PublicKeys recipient, EnvelopeContext context, byte[] key, SecureRandom random) {
    if (key.length != KEY_SIZE) {
      throw new IllegalArgumentException("envelopes hold 32-byte keys");
    }
    int suite = recipient.suite();
    ByteWriter out = FormatPrefix.writeSuite(new ByteWriter(suite == FormatPrefix.SUITE_2 ? 1536 : 512),
        FormatPrefix.Kind.ENVELOPE, suite);
    Contexts.write(out, context);
    out.string(recipient.user().value())
        .u32(recipient.version().value())
        .string(granter.value())
        .u32(granterVersion.value());
    byte[] header = out.toByteArray();
    byte[] info = new ByteWriter().bytes(ENVELOPE_LABEL).bytes(header).toByteArray();
    byte[] xwingKey = recipient.xwingKey();
    HpkeX25519.Sealed sealed = xwingKey != null
        ? HpkeXWing.seal(xwingKey, info, key, random)
        : HpkeX25519.seal(recipient.encryptionKey(), info, key, random);
    out.bytes(sealed.enc()).bytes(sealed.ciphertext());
    return out.bytes(granterKeys.sign(out.toByteArray())).toByteArray();
  }

  public static Parsed parse(byte[] encoded) {
    ByteReader in = new ByteReader(encoded, IntegrityException::new);
    int suite = FormatPrefix.readSuite(in, FormatPrefix.Kind.ENVELOPE, FormatPrefix.SUITE_2);
    EnvelopeContext context = Contexts.readEnvelope(in);
    UserId recipient = PublicKeyBundle.userId(in, in.string("recipient"));
    KeyVersion recipientVersion = version(in, "recipient key version");
    UserId granter = PublicKeyBundle.userId(in, in.string("granter"));
    KeyVersion granterVersion = version(in, "granter key version");
    int headerLength = in.position();
    byte[] enc = in.bytes(suite == FormatPrefix.SUITE_2 ? HpkeXWing.ENC_SIZE
        : HpkeX25519.ENC_SIZE, "encapsulated key");
    byte[] ciphertext = in.bytes(KEY_SIZE + HpkeX25519.TAG_SIZE, "sealed key");
    int signedLength = in.position();
    in.bytes(Ed25519Signing.SIGNATURE_SIZE, "signature");
    in.end("envelope");
    return new Parsed(suite, context, recipient, recipientVersion, granter, granterVersion,
        headerLength, enc, ciphertext, signedLength, encoded);
  }

  /**
   * Verifies and opens an envelope in this order, failing closed at the first problem: the context
   * must be {@code expected}, the recipient must be {@code recipientKeys}' owner and version, the
   * granter must be {@code granter}'s owner and version, the signature must verify, and HPKE must
   * open.
   *
   * @return the 32 key bytes (wipe after use)
   */
  public static byte[] open(Parsed envelope, PrivateKeys recipientKeys, PublicKeys recipient,
      PublicKeys granter, EnvelopeContext expected) {
    if (!envelope.context().equals(expected)) {
      throw new IntegrityException("envelope belongs to another context (" + envelope.context()
          + ") than expected (" + expected + ")");
    }
    if (!envelope.recipient().equals(recipient.user())
        || !envelope.recipientVersion().equals(recipient.version())) {
      throw new IntegrityException("envelope is addressed to " + envelope.recipient() + " "
          + envelope.recipientVersion() + ", not to " + recipient.user() + " "
          + recipient.version());
    }
    checkSignature(envelope, granter);
    try {
      if (envelope.suite() == FormatPrefix.SUITE_1) {
        return HpkeX25519.open(recipientKeys.encryptionPrivate(), recipient.encryptionKey(),
            envelope.enc(), envelope.info(), envelope.ciphertext());
      }
      byte[] seed = recipientKeys.xwingPrivate();
      byte[] xwingKey = recipient.xwingKey();
      if (seed == null || xwingKey == null) {
        throw new IntegrityException("envelope is sealed to an X-Wing key, which "
            + recipient.user() + " " + recipient.version() + " does not have");
      }
      return HpkeXWing.open(seed, xwingKey, envelope.enc(), envelope.info(),
          envelope.ciphertext());
    } catch (AEADBadTagException e) {
      throw new IntegrityException("envelope does not open with the recipient's key");
    }
  }

  /**
   * Checks that {@code granter}'s keys made and signed the envelope: the granter it names is
   * their owner and version, and the signature verifies.
   *
   * @throws InvalidSignatureException if not
   */
  public static void checkSignature(Parsed envelope, PublicKeys granter) {
    if (!envelope.granter().equals(granter.user())
        || !envelope.granterVersion().equals(granter.version())) {
      throw new InvalidSignatureException("envelope claims granter " + envelope.granter() + " "
          + envelope.granterVersion() + ", not the keys given (" + granter.user() + " "
          + granter.version() + ")");
    }
    if (!Ed25519Signing.verify(granter.signingKey(), envelope.encoded(), envelope.signedLength(),
        envelope.encoded(), envelope.signedLength())) {
      throw new InvalidSignatureException("envelope signature of granter " + granter.user()
          + " does not verify");
    }
  }

  private static KeyVersion version(ByteReader in, String what) {
    int value = in.u32AsInt(what);
    if (value < 1) {
      throw in.malformed(what + " must be 1 or more");
    }
    return KeyVersion.of(value);
  }
}
