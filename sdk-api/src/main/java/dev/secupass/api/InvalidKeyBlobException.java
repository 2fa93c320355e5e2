package dev.secupass.api;

/**
 * A stored private-key blob is corrupt, truncated, or belongs to another user or key version. This
 * is never a wrong-SecuPass situation: the person typed nothing wrong, and retrying with another
 * SecuPass cannot help. The message says which check failed and contains no secret.
 */
public class InvalidKeyBlobException extends IntegrityException {
  private static final long serialVersionUID = 1L;

  public InvalidKeyBlobException(String message) {
    super(message);
  }
}
