package dev.secupass.core.observe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** An observer that keeps every stopped run: its operation, tags and counts. */
public final class RecordingObserver implements SecuPassObserver {
  /** One stopped run. */
  public record Recorded(Operation operation, Map<ObservationTag, String> tags,
      Map<Count, Long> counts) {
    public String tag(ObservationTag tag) {
      return tags.get(tag);
    }
  }

  private final List<Recorded> stopped = Collections.synchronizedList(new ArrayList<>());

  @Override
  public Measurement start(Operation operation) {
    Map<ObservationTag, String> tags = new EnumMap<>(ObservationTag.class);
    Map<Count, Long> counts = new EnumMap<>(Count.class);
    return new Measurement() {
      @Override
      public void tag(ObservationTag tag, String value) {
        tags.put(tag, value);
      }

      @Override
      public void count(Count count, long amount) {
        counts.put(count, amount);
      }

      @Override
      public void stop() {
        stopped.add(new Recorded(operation, Map.copyOf(tags), Map.copyOf(counts)));
      }
    };
  }

  /** The runs of {@code operation} stopped so far, in order. */
  public List<Recorded> of(Operation operation) {
    synchronized (stopped) {
      return stopped.stream().filter(r -> r.operation() == operation).toList();
    }
  }
}
