package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/** Runs the same call on many threads released at once, and collects how each one ended. */
final class Race {
  /** How many threads race; enough to interleave on a small machine, few enough to be fast. */
  static final int THREADS = 8;

  private Race() {}

  /** The outcome of one racer: its value, or what it threw. */
  record Outcome<T>(@Nullable T value, @Nullable Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  /** Runs {@code task(i)} for i = 0..THREADS-1 concurrently. */
  static <T> List<Outcome<T>> run(IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Outcome<T>>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int racer = i;
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return new Outcome<T>(task.apply(racer), null);
          } catch (RuntimeException | AssertionError e) {
            return new Outcome<T>(null, e);
          }
        }));
      }
      ready.await();
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<Outcome<T>> future : futures) {
        outcomes.add(future.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } catch (Exception e) {
      throw new AssertionError("a racer did not finish", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Asserts that exactly one racer succeeded and every other lost with a conflict. */
  static <T> @Nullable T exactlyOneWinner(List<Outcome<T>> outcomes) {
    List<Outcome<T>> winners = outcomes.stream().filter(Outcome::succeeded).toList();
    assertThat(winners).as("racers that succeeded").hasSize(1);
    assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
        .as("what the losers threw")
        .allMatch(ConflictException.class::isInstance);
    return winners.get(0).value();
  }
}
