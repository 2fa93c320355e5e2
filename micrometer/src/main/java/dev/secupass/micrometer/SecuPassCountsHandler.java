package dev.secupass.micrometer;

import dev.secupass.core.observe.Count;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes the counts of the SDK's observations as distribution summaries named after the
 * operation and the count, with the observation's low-cardinality tags: {@code
 * secupass.delivery.send.bytes}, {@code secupass.delivery.open.files}, {@code
 * secupass.grant.run.fulfilled}, {@code secupass.grant.run.oldest.age}, and so on (each
 * summary's count, total and max). The time of each observation is the timer Micrometer's {@code
 * DefaultMeterObservationHandler} makes; register both on the {@code ObservationRegistry}.
 */
public final class SecuPassCountsHandler
    implements ObservationHandler<SecuPassObservationContext> {
  private final MeterRegistry meters;

  /** Records into {@code meters}. */
  public SecuPassCountsHandler(MeterRegistry meters) {
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public void onStop(SecuPassObservationContext context) {
    Map<Count, Long> counts = context.counts();
    if (counts.isEmpty()) {
      return;
    }
    List<Tag> tags = new ArrayList<>();
    for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
      tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
    }
    String name = Objects.requireNonNull(context.getName(), "name");
    counts.forEach((count, amount) -> DistributionSummary.builder(name + "." + count.key())
        .baseUnit(count.unit())
        .description("the " + count.unit() + " of " + context.operation().contextualName())
        .tags(Tags.of(tags))
        .register(meters)
        .record(amount));
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof SecuPassObservationContext;
  }
}
