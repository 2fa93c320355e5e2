package dev.secupass.core.internal.keys;

import dev.secupass.api.BusyException;
import dev.secupass.core.internal.text.Durations;
import dev.secupass.core.internal.observe.Run;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the memory that Argon2id derivations take at once. Each derivation asks for as many
 * mebibytes as its parameters need (a policy of 64 MiB takes 64); as many run at once as the
 * budget holds, one that needs more than the whole budget runs alone, and the others wait up to
 * the queue timeout, in arrival order, then fail with {@link BusyException}. Without it, two
 * sign-ins at 64 MiB each exhaust a 128 MiB heap ({@code OutOfMemoryError}).
 *
 * <p>Thread-safe.
 */
public final class KdfLimiter {
  private final int budgetMiB;
  private final Duration queueTimeout;
  private final Semaphore permits;
  private final SecuPassObserver observer;

  /**
   * @param budgetBytes the memory derivations may take together, at least 1 MiB
   * @param queueTimeout how long a derivation waits for memory before {@link BusyException}
   */
  public KdfLimiter(long budgetBytes, Duration queueTimeout) {
    this(budgetBytes, queueTimeout, SecuPassObserver.NONE);
  }

  /**
   * @param budgetBytes the memory derivations may take together, at least 1 MiB
   * @param queueTimeout how long a derivation waits for memory before {@link BusyException}
   * @param observer told of each wait for the budget ({@link Operation#KDF_WAIT})
   */
  public KdfLimiter(long budgetBytes, Duration queueTimeout, SecuPassObserver observer) {
    if (budgetBytes < (1 << 20)) {
      throw new IllegalArgumentException("the KDF memory budget must be at least 1 MiB");
    }
    if (queueTimeout.isNegative()) {
      throw new IllegalArgumentException("the KDF queue timeout must not be negative");
    }
    this.budgetMiB = (int) Math.min(Integer.MAX_VALUE, budgetBytes >> 20);
    this.queueTimeout = queueTimeout;
    this.permits = new Semaphore(budgetMiB, true);
    this.observer = observer;
  }

  /** A budget of a quarter of the maximum heap. */
  public static long defaultBudget() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** How many derivations wait for room now (an estimate, for diagnostics and tests). */
  public int queueLength() {
    return permits.getQueueLength();
  }

  /** The budget in mebibytes. */
  public int budgetMiB() {
    return budgetMiB;
  }

  /**
   * Runs {@code derivation}, which needs {@code memoryKiB} of memory, once the budget has room.
   *
   * @throws BusyException if the budget had no room within the queue timeout (the derivation did
   *     not run)
   */
  public <T> T run(int memoryKiB, Supplier<T> derivation) {
    int need = (int) Math.max(1, Math.min(budgetMiB, (memoryKiB + 1023L) / 1024));
    Run.perform(observer, Operation.KDF_WAIT, run -> acquire(need, run));
    try {
      return derivation.get();
    } finally {
      permits.release(need);
    }
  }

  /** Takes {@code need} permits, waiting up to the queue timeout if there is no room at once. */
  private void acquire(int need, Run run) {
    boolean acquired;
    try {
      // A timed try, even of zero, keeps the semaphore's arrival order (tryAcquire() barges).
      acquired = permits.tryAcquire(need, 0, TimeUnit.NANOSECONDS);
      run.tag(ObservationTag.WAITED, Boolean.toString(!acquired));
      if (!acquired) {
        acquired = permits.tryAcquire(need, queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BusyException("the SecuPass check was interrupted while it waited; try again");
    }
    if (!acquired) {
      throw new BusyException("too many SecuPass and password checks are running at once;"
          + " waited " + Durations.words(queueTimeout) + ", try again in a moment");
    }
  }
}
