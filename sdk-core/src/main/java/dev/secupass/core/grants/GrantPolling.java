package dev.secupass.core.grants;

/**
 * Polling started by {@link Grants#startPolling}: runs until closed, or until the {@code
 * SecuPassSdk} closes.
 */
public interface GrantPolling extends AutoCloseable {

  /** Whether polls are still scheduled. */
  boolean isRunning();

  /** Stops polling; a poll running now completes. Idempotent. */
  @Override
  void close();
}
