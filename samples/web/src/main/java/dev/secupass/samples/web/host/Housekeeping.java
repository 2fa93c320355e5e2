package dev.secupass.samples.web.host;

import dev.secupass.core.delivery.Deliveries;
import dev.secupass.samples.web.session.WebSessions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's timers: turn new SDK events into mails every second, end expired web sessions (closing
 * their SecuPass sessions) every half minute, and run the SDK's expiry sweep every minute.
 */
public final class Housekeeping implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
  private static final int SWEEP_BATCH = 100;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "secupass-web-housekeeping");
        thread.setDaemon(true);
        return thread;
      });

  public Housekeeping(MailOutbox mails, WebSessions sessions, Deliveries deliveries) {
    every(Duration.ofSeconds(1), "mail", mails::deliverPending);
    every(Duration.ofSeconds(30), "session expiry", sessions::sweep);
    every(Duration.ofMinutes(1), "delivery expiry", () -> {
      while (deliveries.sweepExpired(SWEEP_BATCH).more()) {
        LOG.debug("more deliveries to expire");
      }
    });
  }

  @SuppressWarnings("FutureReturnValueIgnored") // each task catches and logs its own failure
  private void every(Duration interval, String what, Runnable task) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed: {}", what, e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the timers and waits for a task still running, so the owner does not close the SDK
   * under it. Not interrupted: an interrupt closes H2's file channel mid-statement.
   */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("a housekeeping task did not finish within 10 s");
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
