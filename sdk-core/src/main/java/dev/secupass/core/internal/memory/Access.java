package dev.secupass.core.internal.memory;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a store view reaches the shared data: under the storage's lock, and for writes with the
 * journal of the running transaction (or of the single write).
 */
public interface Access {

  /** Runs {@code read} under the read lock. */
  <T> T read(Supplier<T> read);

  /**
   * Runs {@code write} under the write lock. If it throws, everything it recorded in the journal is
   * undone before the exception propagates, so each store call is atomic.
   */
  <T> T write(Function<Journal, T> write);
}
