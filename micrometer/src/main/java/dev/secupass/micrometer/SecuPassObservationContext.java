package dev.secupass.micrometer;

import dev.secupass.core.observe.Count;
import dev.secupass.core.observe.Operation;
import io.micrometer.observation.Observation;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The context of an SDK observation: which {@link Operation} it is, and the {@link Count counts}
 * the run reported (for handlers such as {@link SecuPassCountsHandler}). Its key values are the
 * operation's low-cardinality tags; it has no high-cardinality ones.
 */
public final class SecuPassObservationContext extends Observation.Context {
  private final Operation operation;
  private final Map<Count, Long> counts = new EnumMap<>(Count.class);

  SecuPassObservationContext(Operation operation) {
    this.operation = operation;
  }

  /** The SDK operation observed. */
  public Operation operation() {
    return operation;
  }

  /** The counts the run reported so far, by count. */
  public synchronized Map<Count, Long> counts() {
    return Collections.unmodifiableMap(new EnumMap<>(counts));
  }

  synchronized void count(Count count, long amount) {
    counts.put(count, amount);
  }
}
