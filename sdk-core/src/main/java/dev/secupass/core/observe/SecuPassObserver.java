package dev.secupass.core.observe;

/**
 * Told of each operation the SDK runs, for metrics and traces. The SDK calls {@link #start} when an
 * operation begins and then, on the same thread, sets its tags and counts on the returned {@link
 * Measurement} and {@link Measurement#stop() stops} it exactly once when the operation ends,
 * whether it succeeded or failed. Operations nest (a send runs storage and blob store calls), so an
 * implementation that keeps a current operation per thread sees the nesting.
 *
 * <p>An implementation must be thread-safe, fast, and must not throw: the SDK does not catch what
 * an observer throws, and a throwing observer fails the host's operation. {@link #NONE}, the
 * default, measures nothing and costs nothing but a call.
 *
 * <p>What an observer receives holds no secret and nothing a level hides: operation names, tags
 * from the fixed sets {@link ObservationTag} documents, and counts.
 */
@FunctionalInterface
public interface SecuPassObserver {

  /** The observer of an SDK built without one: measures nothing. */
  SecuPassObserver NONE = operation -> Measurement.NONE;

  /**
   * An operation begins on the calling thread.
   *
   * @return the measurement of this run of {@code operation}; the SDK stops it once
   */
  Measurement start(Operation operation);
}
