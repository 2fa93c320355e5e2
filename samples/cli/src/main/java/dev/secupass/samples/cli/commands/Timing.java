package dev.secupass.samples.cli.commands;

import java.util.Locale;
import java.util.function.Supplier;

/** Measures how long a step took, for telling people what the Argon2id cost feels like. */
final class Timing {
  private Timing() {}

  /**
   * A result and the seconds it took.
   *
   * @param value the result
   * @param seconds the wall-clock time
   * @param <T> the result's type
   */
  record Timed<T>(T value, double seconds) {
    String took() {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
  }

  static <T> Timed<T> of(Supplier<T> step) {
    long start = System.nanoTime();
    T value = step.get();
    return new Timed<>(value, (System.nanoTime() - start) / 1e9);
  }
}
