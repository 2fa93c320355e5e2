package dev.secupass.storage.jdbc.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs each call on a handle of its own: reads in auto-commit, writes in a transaction of their
 * own. A write that the database aborts as a deadlock or serialization failure is run again (up to
 * {@value #WRITE_ATTEMPTS} times in all): it was rolled back whole, so nothing was half-done.
 */
public final class AutoSession implements Session {
  static final int WRITE_ATTEMPTS = 3;

  private final Jdbi jdbi;

  public AutoSession(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T read(String what, SqlWork<T> work) {
    Handle handle = Handles.open(jdbi, what);
    try {
      return work.run(handle);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, what);
    } finally {
      Handles.closeQuietly(handle);
    }
  }

  @Override
  public <T> T write(String what, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return writeOnce(what, work);
      } catch (RuntimeException e) {
        if (attempt == WRITE_ATTEMPTS || !SqlErrors.isDeadlock(e)) {
          throw SqlErrors.translate(e, what);
        }
      }
    }
  }

  private <T> T writeOnce(String what, SqlWork<T> work) {
    Handle handle = Handles.open(jdbi, what);
    try {
      handle.begin();
      T result = work.run(handle);
      handle.commit();
      return result;
    } catch (RuntimeException e) {
      Handles.rollbackQuietly(handle, e);
      throw e;
    } finally {
      Handles.closeQuietly(handle);
    }
  }
}
