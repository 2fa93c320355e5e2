package dev.secupass.api;

import org.jspecify.annotations.Nullable;

/**
 * A storage backend failed (connection lost, timeout, server error). Adapters translate their
 * vendor exceptions into this type at the SPI boundary. Nothing half-written is visible after it:
 * the operation took effect whole or not at all, and when {@link #retryable()} is {@code false}
 * the adapter could not tell which only if the message says so.
 */
public class StorageException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public StorageException(String message, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * Whether the same call may succeed if tried again later (a dropped connection, throttling, a
   * server error), as opposed to a permanent fault (bad configuration, missing schema, permission).
   */
  @Override
  public boolean retryable() {
    return retryable;
  }
}
