package dev.secupass.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so leases and expiry are tested without
 * sleeping. It always reads whole milliseconds, the precision the SDK stores instants at.
 * Thread-safe.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  private MutableClock(Instant start) {
    now = new AtomicReference<>(millis(start));
  }

  /** A clock reading {@code start} (truncated to milliseconds). */
  public static MutableClock at(Instant start) {
    return new MutableClock(start);
  }

  /** A clock reading the system's current time (truncated to milliseconds). */
  public static MutableClock atSystemTime() {
    return at(Instant.now());
  }

  /** Moves the clock forward (or back, for a negative amount) and returns the new now. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(t -> millis(t.plus(amount)));
  }

  /** Sets the clock (truncated to milliseconds). */
  public void set(Instant instant) {
    now.set(millis(instant));
  }

  @Override
  public Instant instant() {
    return Objects.requireNonNull(now.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a MutableClock is always UTC");
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }

  private static Instant millis(Instant instant) {
    return Objects.requireNonNull(instant, "instant").truncatedTo(ChronoUnit.MILLIS);
  }
}
