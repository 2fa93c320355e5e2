package dev.secupass.storage.jdbc.internal;

import org.jdbi.v3.core.Handle;

/** Statements run on one handle. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Handle handle);
}
