package dev.secupass.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BusyException;
import dev.secupass.core.internal.keys.KdfLimiter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A derivation that finds the KDF memory budget full is observed as a wait, and as busy. */
class KdfWaitObservedTest {
  private static final int MIB_64 = 64 * 1024;

  @Test
  void fullBudget_derivationObservedAsWaited_busyAfterTheTimeout_thenWaitedAndAcquired()
      throws Exception {
    RecordingObserver observer = new RecordingObserver();
    KdfLimiter limiter = new KdfLimiter(64L << 20, Duration.ofMillis(100), observer);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<?> holder = CompletableFuture.runAsync(() -> limiter.run(MIB_64, () -> {
      running.countDown();
      return await(finish);
    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> limiter.run(MIB_64, () -> "blocked"))
        .isInstanceOf(BusyException.class);
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> new KdfLimiter(
        64L << 20, Duration.ofSeconds(5), observer).run(MIB_64, () -> "fresh budget"));
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("fresh budget");
    finish.countDown();
    holder.get(5, TimeUnit.SECONDS);

    assertThat(observer.of(Operation.KDF_WAIT)).extracting(
            r -> r.tag(ObservationTag.WAITED) + " " + r.tag(ObservationTag.OUTCOME) + " "
                + r.tag(ObservationTag.FAILURE))
        .containsExactlyInAnyOrder("false success none", "true failure busy",
            "false success none");
  }

  @Test
  void releasedWhileWaiting_observedAsWaitedAndSucceeded() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    KdfLimiter limiter = new KdfLimiter(64L << 20, Duration.ofSeconds(10), observer);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<?> holder = CompletableFuture.runAsync(() -> limiter.run(MIB_64, () -> {
      running.countDown();
      return await(finish);
    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> second = CompletableFuture.supplyAsync(
        () -> limiter.run(MIB_64, () -> "after the wait"));
    while (limiter.queueLength() == 0) {
      Thread.onSpinWait();
    }
    finish.countDown();

    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("after the wait");
    holder.get(5, TimeUnit.SECONDS);
    assertThat(observer.of(Operation.KDF_WAIT)).extracting(
            r -> r.tag(ObservationTag.WAITED) + " " + r.tag(ObservationTag.OUTCOME))
        .containsExactlyInAnyOrder("false success", "true success");
  }

  private static String await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
      return "done";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
