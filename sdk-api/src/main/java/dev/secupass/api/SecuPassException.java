package dev.secupass.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the SDK and its storage adapters throw. It is unchecked: callers
 * catch the subclasses they can act on ({@link WrongSecuPassException}, {@link ConflictException},
 * {@link StorageException#retryable()}, ...) and let the rest propagate.
 *
 * <p>Messages name what went wrong and never contain a secret (a SecuPass, a password, a private
 * or content key, a link token).
 */
public class SecuPassException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecuPassException(String message) {
    super(message);
  }

  public SecuPassException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
