package dev.secupass.storage.jdbc.internal;

import org.jdbi.v3.core.Handle;

/**
 * Runs calls on the handle of a running transaction. Each write runs under a savepoint, so a
 * write that fails leaves nothing of itself behind and the transaction stays usable (PostgreSQL
 * would otherwise refuse every further statement). Only the thread that began the transaction may
 * use it.
 */
public final class BoundSession implements Session {
  private final Handle handle;
  private final Thread owner = Thread.currentThread();
  private int savepoints;
  private boolean open = true;

  public BoundSession(Handle handle) {
    this.handle = handle;
  }

  @Override
  public <T> T read(String what, SqlWork<T> work) {
    checkOpen();
    try {
      return work.run(handle);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, what);
    }
  }

  @Override
  public <T> T write(String what, SqlWork<T> work) {
    checkOpen();
    String savepoint = "secupass_" + ++savepoints;
    try {
      handle.savepoint(savepoint);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, what);
    }
    try {
      T result = work.run(handle);
      handle.releaseSavepoint(savepoint);
      return result;
    } catch (RuntimeException e) {
      try {
        handle.rollbackToSavepoint(savepoint);
      } catch (RuntimeException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw SqlErrors.translate(e, what);
    }
  }

  /** Ends the session: the transaction is over, so further calls fail. */
  public void end() {
    open = false;
  }

  private void checkOpen() {
    if (!open) {
      throw new IllegalStateException(
          "this transactional Storage was used after its transaction ended");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "this transactional Storage belongs to the thread that runs the transaction");
    }
  }
}
