package dev.secupass.storage.jdbc.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Opening and ending handles, with failures translated or, while cleaning up, suppressed. */
final class Handles {
  private Handles() {}

  static Handle open(Jdbi jdbi, String what) {
    try {
      return jdbi.open();
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, what);
    }
  }

  /** Rolls back after {@code failure}; a failing rollback (a dead connection) is suppressed. */
  static void rollbackQuietly(Handle handle, Throwable failure) {
    try {
      handle.rollback();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Closes the handle; a failing close (a dead connection) changes nothing for the caller. */
  static void closeQuietly(Handle handle) {
    try {
      handle.close();
    } catch (RuntimeException ignored) {
      // The connection is gone or already returned; the transaction has ended either way.
    }
  }
}
