package dev.secupass.core.internal.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations in the words people read in messages: "1 hour", "90 days", "2 minutes 30 seconds". */
public final class Durations {
  private static final long[] UNITS = {86_400, 3_600, 60, 1};
  private static final String[] NAMES = {"day", "hour", "minute", "second"};

  private Durations() {}

  /**
   * The duration in the two largest units it has (days, hours, minutes, seconds), rounded down to
   * whole seconds; below a second, in milliseconds.
   */
  public static String words(Duration duration) {
    if (duration.isNegative()) {
      return "minus " + words(duration.negated());
    }
    long seconds = duration.getSeconds();
    if (seconds == 0) {
      long millis = duration.toMillis();
      return millis + (millis == 1 ? " millisecond" : " milliseconds");
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < UNITS.length && parts.size() < 2; i++) {
      long count = seconds / UNITS[i];
      if (count > 0) {
        parts.add(count + " " + NAMES[i] + (count == 1 ? "" : "s"));
        seconds -= count * UNITS[i];
      } else if (!parts.isEmpty()) {
        break;
      }
    }
    return String.join(" ", parts);
  }
}
