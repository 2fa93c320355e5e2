package dev.secupass.core.internal.sdk;

import dev.secupass.core.grants.GrantPolling;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's own background thread: one daemon thread per {@code SecuPassSdk} that runs the session
 * reaper and any grant polling the host started, until the SDK closes. A task that throws is
 * logged and keeps its schedule.
 */
public final class Background implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Background.class);

  private final ScheduledExecutorService scheduler;

  public Background() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "secupass-background");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scheduler = executor;
  }

  /**
   * Runs {@code task} every {@code interval} (the first time after one interval) until the
   * returned handle or this is closed.
   *
   * @throws IllegalStateException if this is closed
   */
  public GrantPolling every(Duration interval, Runnable task) {
    if (scheduler.isShutdown()) {
      throw new IllegalStateException("the SecuPassSdk is closed");
    }
    long nanos = interval.toNanos();
    ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("a background task of the SecuPass SDK failed: {}", e.getMessage());
      }
    }, nanos, nanos, TimeUnit.NANOSECONDS);
    return new GrantPolling() {
      @Override
      public boolean isRunning() {
        return !future.isDone();
      }

      @Override
      public void close() {
        future.cancel(false);
      }
    };
  }

  /** Stops every task; waits a few seconds for one that is running to complete. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
