package dev.secupass.samples.web.secupass;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long the latest activation or unlock took on this server, measured on the monotonic timer
 * (Argon2id dominates it), so the dialog can say how long the wait is instead of guessing.
 */
public final class KdfTiming {
  private final AtomicReference<Duration> last = new AtomicReference<>();

  void record(Duration took) {
    last.set(took);
  }

  /** The latest duration, if any SecuPass was activated or unlocked since the start. */
  public Optional<Duration> last() {
    return Optional.ofNullable(last.get());
  }
}
