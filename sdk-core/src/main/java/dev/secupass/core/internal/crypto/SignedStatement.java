package dev.secupass.core.internal.crypto;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.format.SignedStatementCodec;

/**
 * A payload signed by a user's Ed25519 key: a delivery manifest or a membership-log entry ({@code
 * docs/format.md}, "Signed statement"). Sign with {@link
 * dev.secupass.core.internal.keys.KeySession#sign}; here, look up who signed and verify.
 *
 * <pre>{@code
 * SignedStatement statement = SignedStatement.parse(bytes);
 * PublicKeys signer = pinning.verifiedKeys(session, statement.signer(), statement.signerKeyVersion());
 * byte[] payload = statement.verifiedPayload(signer, SignedType.MEMBERSHIP_ENTRY);
 * }</pre>
 */
public final class SignedStatement {
  private final SignedStatementCodec.Parsed parsed;

  private SignedStatement(SignedStatementCodec.Parsed parsed) {
    this.parsed = parsed;
  }

  /**
   * Parses a signed statement without verifying it.
   *
   * @throws IntegrityException if it is malformed
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version, suite or type
   */
  public static SignedStatement parse(byte[] encoded) {
    return new SignedStatement(SignedStatementCodec.parse(encoded.clone()));
  }

  /** What the statement claims to be (not yet verified). */
  public SignedType type() {
    return parsed.type();
  }

  /** Who claims to have signed it: look up their keys, then {@link #verifiedPayload}. */
  public UserId signer() {
    return parsed.signer();
  }

  /** The signer's key version claimed. */
  public KeyVersion signerKeyVersion() {
    return parsed.signerVersion();
  }

  /**
   * The payload, after checking that the statement is of {@code expected} type, that {@code
   * signerKeys} are the claimed signer's keys of the claimed version, and the signature.
   *
   * @throws IntegrityException if the type does not match
   * @throws InvalidSignatureException if the claimed signer is not the owner of {@code
   *     signerKeys} or the signature does not verify
   */
  public byte[] verifiedPayload(PublicKeys signerKeys, SignedType expected) {
    if (parsed.type() != expected) {
      throw new IntegrityException("expected a signed " + expected + " but found a "
          + parsed.type());
    }
    if (!signerKeys.user().equals(parsed.signer())
        || !signerKeys.version().equals(parsed.signerVersion())) {
      throw new InvalidSignatureException("statement claims signer " + parsed.signer() + " "
          + parsed.signerVersion() + ", not the keys given (" + signerKeys.user() + " "
          + signerKeys.version() + ")");
    }
    if (!SignedStatementCodec.verify(parsed, signerKeys.signingKey())) {
      throw new InvalidSignatureException("the " + parsed.type() + " signature of user "
          + parsed.signer() + " does not verify");
    }
    return parsed.payload().clone();
  }
}
