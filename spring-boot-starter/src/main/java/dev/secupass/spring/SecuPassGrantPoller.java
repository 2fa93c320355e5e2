package dev.secupass.spring;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.grants.GrantPolling;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@code grants().pollOpenSessions()} every {@code secupass.grants.polling.interval} while the
 * application context runs: sessions open on this node fulfil grants that another node made ready
 * (a recipient who activated there). Started after the context is refreshed, stopped before the SDK
 * closes; a poll running at stop completes.
 */
public final class SecuPassGrantPoller implements SmartLifecycle {
  private final SecuPassSdk sdk;
  private final Duration interval;
  private @Nullable GrantPolling polling;

  public SecuPassGrantPoller(SecuPassSdk sdk, Duration interval) {
    this.sdk = Objects.requireNonNull(sdk, "sdk");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  /** How often it polls. */
  public Duration interval() {
    return interval;
  }

  @Override
  public synchronized void start() {
    if (polling == null) {
      polling = sdk.grants().startPolling(interval);
    }
  }

  @Override
  public synchronized void stop() {
    if (polling != null) {
      polling.close();
      polling = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return polling != null && polling.isRunning();
  }
}
