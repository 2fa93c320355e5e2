package dev.secupass.micrometer;

import dev.secupass.core.observe.Count;
import dev.secupass.core.observe.Measurement;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * A {@link SecuPassObserver} on Micrometer's {@link ObservationRegistry}: each operation of the SDK
 * becomes an {@link Observation} named {@link Operation#observationName()} (for example {@code
 * secupass.delivery.send}), with {@link Operation#contextualName()} as its span name, the
 * operation's tags as low-cardinality key values and no high-cardinality ones, and a {@link
 * SecuPassObservationContext} holding the counts. The observation is the current one while the
 * operation runs, so the storage and blob store calls of a send are its children in a trace.
 *
 * <pre>{@code
 * ObservationRegistry observations = ObservationRegistry.create();
 * observations.observationConfig()
 *     .observationHandler(new DefaultMeterObservationHandler(meters)) // timers
 *     .observationHandler(new SecuPassCountsHandler(meters));         // bytes, files, grants
 * SecuPassSdk sdk = SecuPassSdk.builder()
 *     ...
 *     .observer(MicrometerObserver.of(observations))
 *     .build();
 * }</pre>
 *
 * <p>With a registry that has no handler (or {@link ObservationRegistry#NOOP}) the observations
 * are no-ops. Thread-safe.
 */
public final class MicrometerObserver implements SecuPassObserver {
  private final ObservationRegistry registry;

  private MicrometerObserver(ObservationRegistry registry) {
    this.registry = registry;
  }

  /** An observer that reports to {@code registry}. */
  public static MicrometerObserver of(ObservationRegistry registry) {
    return new MicrometerObserver(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public Measurement start(Operation operation) {
    SecuPassObservationContext context = new SecuPassObservationContext(operation);
    Observation observation = Observation.createNotStarted(operation.observationName(),
        () -> context, registry);
    if (observation.isNoop()) {
      return Measurement.NONE;
    }
    observation.contextualName(operation.contextualName()).start();
    return new Measured(observation, context, observation.openScope());
  }

  @Override
  public String toString() {
    return "MicrometerObserver";
  }

  /** One running observation, current on its thread until stopped. */
  private static final class Measured implements Measurement {
    private final Observation observation;
    private final SecuPassObservationContext context;
    private final Observation.Scope scope;

    Measured(Observation observation, SecuPassObservationContext context,
        Observation.Scope scope) {
      this.observation = observation;
      this.context = context;
      this.scope = scope;
    }

    @Override
    public void tag(ObservationTag tag, String value) {
      observation.lowCardinalityKeyValue(tag.key(), value);
    }

    @Override
    public void count(Count count, long amount) {
      context.count(count, amount);
    }

    @Override
    public void stop() {
      scope.close();
      observation.stop();
    }
  }
}
