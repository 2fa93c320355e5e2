package dev.secupass.api;

import org.jspecify.annotations.Nullable;

/**
 * Ciphertext or other protected data failed authentication: it was tampered with, truncated,
 * reordered, moved from another context (delivery, room, file, level, recipient), or decrypted with
 * the wrong key. A reader never receives plaintext that failed authentication; a stream that throws
 * this must be discarded together with everything it has returned, if the caller needs the whole.
 */
public class IntegrityException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public IntegrityException(String message) {
    super(message);
  }

  public IntegrityException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
