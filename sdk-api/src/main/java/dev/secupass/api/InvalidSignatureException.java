package dev.secupass.api;

/**
 * A signature (on an envelope, a manifest, a membership entry or a public-key bundle) does not
 * verify under the signer's public key. Verification fails closed: nothing signed was used.
 */
public class InvalidSignatureException extends IntegrityException {
  private static final long serialVersionUID = 1L;

  public InvalidSignatureException(String message) {
    super(message);
  }
}
