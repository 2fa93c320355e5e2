package dev.secupass.core.keylog;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link KeyLog#check()} found when the log passed: its size and how old its checkpoint is.
 *
 * @param entries the entries (key versions) the current checkpoint covers
 * @param checkpointedAt when the current checkpoint was signed (or last cosigned)
 * @param checkpointAge how old it was when checked, by the SDK's clock (zero if it lies ahead)
 */
public record KeyLogCheck(long entries, Instant checkpointedAt, Duration checkpointAge) {

  public KeyLogCheck {
    Objects.requireNonNull(checkpointedAt, "checkpointedAt");
    Objects.requireNonNull(checkpointAge, "checkpointAge");
    if (entries < 0 || checkpointAge.isNegative()) {
      throw new IllegalArgumentException("a log has 0 or more entries and a checkpoint age");
    }
  }
}
