package dev.secupass.core.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BusyException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KdfLimiterTest {
  private static final int MIB_64 = 64 * 1024;

  @Test
  void derivationsBeyondTheBudget_wait_thenFailBusy_andTheFailureIsRetryable() throws Exception {
    KdfLimiter limiter = new KdfLimiter(128L << 20, Duration.ofMillis(200));
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<?> first = CompletableFuture.runAsync(() -> limiter.run(MIB_64, () -> {
      running.countDown();
      return await(finish);
    }));
    CompletableFuture<?> second = CompletableFuture.runAsync(() -> limiter.run(MIB_64, () -> {
      running.countDown();
      return await(finish);
    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).as("two fit in 128 MiB").isTrue();

    assertThatThrownBy(() -> limiter.run(MIB_64, () -> "third"))
        .isInstanceOfSatisfying(BusyException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("waited 200 milliseconds")
              .doesNotContain("PT");
        });

    finish.countDown();
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
    assertThat(limiter.run(MIB_64, () -> "now")).isEqualTo("now");
  }

  @Test
  void aDerivationLargerThanTheBudget_runsAlone() throws Exception {
    KdfLimiter limiter = new KdfLimiter(32L << 20, Duration.ofSeconds(5));
    AtomicInteger atOnce = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Runnable derivation = () -> limiter.run(MIB_64, () -> {
      most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
      sleep(50);
      atOnce.decrementAndGet();
      return null;
    });

    CompletableFuture.allOf(CompletableFuture.runAsync(derivation),
        CompletableFuture.runAsync(derivation), CompletableFuture.runAsync(derivation))
        .get(10, TimeUnit.SECONDS);

    assertThat(most).hasValue(1);
  }

  @Test
  void budget_mustHoldAtLeastOneMebibyte() {
    assertThatThrownBy(() -> new KdfLimiter(1000, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new KdfLimiter(KdfLimiter.defaultBudget(), Duration.ZERO).budgetMiB())
        .isEqualTo((int) (Runtime.getRuntime().maxMemory() / 4 >> 20));
  }

  private static Object await(CountDownLatch latch) {
    try {
      latch.await();
      return "done";
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
