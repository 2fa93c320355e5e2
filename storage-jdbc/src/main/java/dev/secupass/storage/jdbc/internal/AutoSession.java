package dev.secupass.storage.jdbc.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs each call on a handle of its own: reads in auto-commit, writes in a transaction of their
 * own. Nothing is retried: a deadlock or serialization failure surfaces as a retryable {@link
 * dev.secupass.api.StorageException}, after the database rolled the whole call back.
 */
public final class AutoSession implements Session {
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
    Handle handle = Handles.open(jdbi, what);
    try {
      handle.begin();
      T result = work.run(handle);
      handle.commit();
      return result;
    } catch (RuntimeException e) {
      Handles.rollbackQuietly(handle, e);
      throw SqlErrors.translate(e, what);
    } finally {
      Handles.closeQuietly(handle);
    }
  }
}
