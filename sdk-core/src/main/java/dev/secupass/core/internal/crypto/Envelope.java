package dev.secupass.core.internal.crypto;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.format.EnvelopeCodec;

/**
 * The readable header of an envelope, for routing and for looking up the granter's keys before
 * {@link dev.secupass.core.internal.keys.KeySession#openEnvelope opening} it. Nothing here is verified:
 * opening checks all of it.
 */
public final class Envelope {
  private final EnvelopeCodec.Parsed parsed;

  private Envelope(EnvelopeCodec.Parsed parsed) {
    this.parsed = parsed;
  }

  /**
   * Parses an envelope.
   *
   * @throws dev.secupass.api.IntegrityException if it is malformed
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version or suite
   */
  public static Envelope parse(byte[] encoded) {
    return new Envelope(EnvelopeCodec.parse(encoded.clone()));
  }

  public EnvelopeContext context() {
    return parsed.context();
  }

  public UserId recipient() {
    return parsed.recipient();
  }

  public KeyVersion recipientKeyVersion() {
    return parsed.recipientVersion();
  }

  public UserId granter() {
    return parsed.granter();
  }

  /** The envelope's suite: 1 (X25519) or 2 (X-Wing). */
  public int suite() {
    return parsed.suite();
  }

  public KeyVersion granterKeyVersion() {
    return parsed.granterVersion();
  }

  /**
   * Checks the granter's signature without opening the envelope (what a relay that holds no
   * private key can check).
   *
   * @throws dev.secupass.api.InvalidSignatureException unless {@code granter}'s keys signed it
   */
  public void checkSignature(PublicKeys granter) {
    EnvelopeCodec.checkSignature(parsed, granter);
  }
}
