package dev.secupass.spring;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.events.HostEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Relays the SDK's event outbox to the application's {@link SecuPassEventListener} beans on a
 * thread of its own ({@code secupass-event-relay}) while the application context runs.
 *
 * <p>It claims up to {@code secupass.events.relay.batch-size} events under a lease (so several
 * nodes can relay at once without handing an event out twice while the lease runs), hands each to
 * every listener, then acknowledges it; an event a listener refused is released for a later try.
 * After a batch that was not full, or that failed, it waits {@code secupass.events.relay.interval}.
 *
 * <p>{@link #stop()} lets the event in hand finish (waiting up to 30 seconds for its listeners),
 * releases the rest of the batch at once for another node, and ends the thread. Nothing is lost
 * by stopping: what was not acknowledged is handed out again.
 */
public final class SecuPassEventRelay implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(SecuPassEventRelay.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final SecuPassSdk sdk;
  private final List<SecuPassEventListener> listeners;
  private final Duration interval;
  private final int batchSize;
  private final Object wake = new Object();
  private final AtomicLong acknowledged = new AtomicLong();
  private volatile boolean stopping;
  private @Nullable Thread thread;

  /**
   * A relay (not yet started) from {@code sdk}'s outbox to {@code listeners}.
   *
   * @throws IllegalArgumentException if there is no listener, the interval is not positive or the
   *     batch size is below 1
   */
  public SecuPassEventRelay(SecuPassSdk sdk, List<SecuPassEventListener> listeners,
      Duration interval, int batchSize) {
    this.sdk = Objects.requireNonNull(sdk, "sdk");
    this.listeners = List.copyOf(listeners);
    this.interval = Objects.requireNonNull(interval, "interval");
    if (this.listeners.isEmpty()) {
      throw new IllegalArgumentException("the event relay needs at least one listener");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("secupass.events.relay.interval must be positive");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("secupass.events.relay.batch-size must be 1 or more");
    }
    this.batchSize = batchSize;
  }

  /** How many events this relay acknowledged since it was made. */
  public long acknowledged() {
    return acknowledged.get();
  }

  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    stopping = false;
    Thread relay = new Thread(this::run, "secupass-event-relay");
    relay.setDaemon(true);
    thread = relay;
    relay.start();
  }

  @Override
  public synchronized void stop() {
    Thread relay = thread;
    if (relay == null) {
      return;
    }
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      relay.join(STOP_WAIT.toMillis());
      if (relay.isAlive()) {
        LOG.warn("the SecuPass event relay did not stop within {} s; interrupting its listener",
            STOP_WAIT.toSeconds());
        relay.interrupt();
        relay.join(STOP_WAIT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }

  private void run() {
    while (!stopping) {
      List<HostEvent> batch;
      try {
        batch = sdk.events().claim(batchSize);
      } catch (RuntimeException e) {
        LOG.warn("the SecuPass event relay cannot claim events: {}", e.getMessage());
        pause();
        continue;
      }
      boolean failed = false;
      for (int i = 0; i < batch.size(); i++) {
        HostEvent event = batch.get(i);
        if (stopping) {
          batch.subList(i, batch.size()).forEach(this::release);
          return;
        }
        failed |= !relay(event);
      }
      if (failed || batch.size() < batchSize) {
        pause();
      }
    }
  }

  /** Hands {@code event} to every listener; acknowledges it if all returned, else releases it. */
  private boolean relay(HostEvent event) {
    for (SecuPassEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warn("a SecuPass event listener failed on event {} ({}); it is handed out again"
            + " later: {}", event.id(), event.getClass().getSimpleName(), e.toString());
        release(event);
        return false;
      }
    }
    try {
      sdk.events().acknowledge(event.id());
      acknowledged.incrementAndGet();
      return true;
    } catch (RuntimeException e) {
      LOG.warn("cannot acknowledge SecuPass event {}; it is handed out again when its lease ends:"
          + " {}", event.id(), e.getMessage());
      return false;
    }
  }

  private void release(HostEvent event) {
    try {
      sdk.events().release(event.id());
    } catch (RuntimeException e) {
      LOG.warn("cannot release SecuPass event {}; it is handed out again when its lease ends: {}",
          event.id(), e.getMessage());
    }
  }

  private void pause() {
    synchronized (wake) {
      if (stopping) {
        return;
      }
      try {
        wake.wait(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }
}
