package dev.secupass.storage.jdbc.internal;

/**
 * Where a store runs its statements: each call in a transaction of its own ({@link AutoSession}),
 * or inside the caller's running transaction ({@link BoundSession}). Either way a call takes
 * effect whole or not at all, and database failures leave it translated by {@link SqlErrors}.
 */
public interface Session {

  /**
   * Runs statements that only read.
   *
   * @param what the operation, for error messages (no secrets)
   */
  <T> T read(String what, SqlWork<T> work);

  /**
   * Runs statements that change data, atomically: if {@code work} throws, none of its changes
   * remain.
   *
   * @param what the operation, for error messages (no secrets)
   */
  <T> T write(String what, SqlWork<T> work);
}
