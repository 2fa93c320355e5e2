package dev.secupass.micrometer;

import dev.secupass.core.grants.GrantBacklog;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.grants.PendingGrant;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The backlog of the whole grant queue ({@link Grants#backlog()}) as gauges, one of each per
 * state ({@code state=waiting}: the recipient has no SecuPass yet; {@code state=ready}: a granter's
 * unlock can fulfil it, or the sender has not confirmed a first contact yet):
 *
 * <ul>
 *   <li>{@code secupass.grants.pending}: how many grants are in that state, across the cluster;
 *   <li>{@code secupass.grants.oldest.age}: how long the oldest of them has waited (a time gauge,
 *       in the registry's base time unit; 0 when none waits).
 * </ul>
 *
 * <p>All four gauges share one count of the storage, made at most once per {@code refresh} (a
 * scrape reads them together); a count that fails, or a storage adapter that cannot count its
 * queue, shows as NaN. The registry holds the binder strongly (Micrometer's gauges hold their
 * object weakly by default, and a binder nobody else keeps would be collected and read NaN).
 * Thread-safe.
 *
 * <pre>{@code
 * GrantBacklogMetrics.of(sdk.grants()).bindTo(meterRegistry);
 * }</pre>
 */
public final class GrantBacklogMetrics implements MeterBinder {
  /** How long one count serves the gauges unless told otherwise. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  private final Grants grants;
  private final long refreshNanos;
  private final Object lock = new Object();
  private @Nullable GrantBacklog last;
  private long countedAtNanos;
  private boolean counted;

  private GrantBacklogMetrics(Grants grants, Duration refresh) {
    this.grants = Objects.requireNonNull(grants, "grants");
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("the refresh interval must not be negative");
    }
    this.refreshNanos = refresh.toNanos();
  }

  /** Gauges of {@code grants}' backlog, counted at most every {@link #DEFAULT_REFRESH}. */
  public static GrantBacklogMetrics of(Grants grants) {
    return new GrantBacklogMetrics(grants, DEFAULT_REFRESH);
  }

  /**
   * Gauges of {@code grants}' backlog, counted at most every {@code refresh} ({@link
   * Duration#ZERO}: at every read).
   *
   * @throws IllegalArgumentException if {@code refresh} is negative
   */
  public static GrantBacklogMetrics of(Grants grants, Duration refresh) {
    return new GrantBacklogMetrics(grants, refresh);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (PendingGrant.State state : PendingGrant.State.values()) {
      String tag = tag(state);
      Gauge.builder("secupass.grants.pending", this, metrics -> metrics.count(state))
          .tag("state", tag)
          .baseUnit("grants")
          .description("open grants across the cluster (state " + tag + ")")
          .strongReference(true)
          .register(registry);
      TimeGauge.builder("secupass.grants.oldest.age", this, TimeUnit.MILLISECONDS,
              metrics -> metrics.oldestAgeMillis(state))
          .tag("state", tag)
          .description("how long the oldest open grant has waited (state " + tag + ")")
          .strongReference(true)
          .register(registry);
    }
  }

  /** The tag value of {@code state}: the one {@code secupass.grant.queue} uses. */
  static String tag(PendingGrant.State state) {
    return state == PendingGrant.State.READY ? "ready" : "waiting";
  }

  private double count(PendingGrant.State state) {
    GrantBacklog backlog = backlog();
    return backlog == null ? Double.NaN : backlog.count(state);
  }

  private double oldestAgeMillis(PendingGrant.State state) {
    GrantBacklog backlog = backlog();
    return backlog == null ? Double.NaN : backlog.oldestAge(state).toMillis();
  }

  /** The last count if it is fresh enough, else a new one; null if counting failed. */
  private @Nullable GrantBacklog backlog() {
    synchronized (lock) {
      long now = System.nanoTime();
      if (!counted || now - countedAtNanos >= refreshNanos) {
        last = countQuietly();
        countedAtNanos = now;
        counted = true;
      }
      return last;
    }
  }

  private @Nullable GrantBacklog countQuietly() {
    try {
      Optional<GrantBacklog> backlog = grants.backlog();
      return backlog.orElse(null);
    } catch (RuntimeException e) {
      // The gauges show NaN; the storage's own observations and health say why.
      return null;
    }
  }

  @Override
  public String toString() {
    return "GrantBacklogMetrics";
  }
}
