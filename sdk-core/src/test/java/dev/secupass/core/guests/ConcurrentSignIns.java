package dev.secupass.core.guests;

import dev.secupass.api.WrongCredentialsException;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a JVM of its own (by {@link KdfMemoryLimitTest}): two guests sign in at the same moment
 * with usernames that do not exist, on an SDK with the default Argon2id cost (64 MiB). Exits 0 if
 * both were refused with {@link WrongCredentialsException}, 3 if the heap ran out, 4 otherwise.
 *
 * <p>Argument: the KDF memory budget in bytes, or {@code default}.
 */
public final class ConcurrentSignIns {
  private ConcurrentSignIns() {}

  public static void main(String[] args) throws Exception {
    SecuPassSdk.Builder builder = SecuPassSdk.builder()
        .storage(new MemoryStorage(Clock.systemUTC()))
        .blobStore(new MemoryBlobStore())
        .atRestKey(TinkAtRestKey.generate());
    if (!args[0].equals("default")) {
      builder.kdfMemoryBudget(Long.parseLong(args[0]));
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (SecuPassSdk sdk = builder.build()) {
      CyclicBarrier start = new CyclicBarrier(2);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String username = "nobody-" + i;
        Thread thread = new Thread(() -> {
          try {
            start.await();
            sdk.guests().signIn(username, Password.of("a password that is wrong"));
            failure.compareAndSet(null, new AssertionError("signed in as nobody"));
          } catch (WrongCredentialsException expected) {
            // refused, as it should be
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    Throwable failed = failure.get();
    if (failed == null) {
      System.out.println("both refused");
      System.exit(0);
    }
    System.out.println("failed: " + failed);
    System.exit(failed instanceof OutOfMemoryError ? 3 : 4);
  }
}
