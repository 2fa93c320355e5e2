package dev.secupass.benchmarks;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.core.memory.MemoryStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * X-Wing (suite 2) beside classical X25519 (suite 1), robust on a shared machine: after a warm-up,
 * every round runs a batch of each operation under both suites back to back, in alternating order,
 * timed by the thread's CPU time; the report gives the median CPU time per operation of each suite
 * and the median and quartiles of the per-round ratios X-Wing / classical. Operations: envelope
 * seal, envelope open, grant fulfilment (open the sender's own envelope, seal to the recipient),
 * and, with fewer repetitions, activation and unlock at the default Argon2id cost.
 *
 * <p>Arguments: rounds (default 30), envelope operations per batch (default 50).
 */
public final class SuitePairedRatios {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String PASS = "correct horse battery staple";

  private SuitePairedRatios() {}

  /** One suite's keys and envelopes. */
  private static final class Fixture {
    final KeyService keys;
    final KeySession alice;
    final KeySession bob;
    final PublicKeys aliceKeys;
    final PublicKeys bobKeys;
    final SymmetricKey contentKey;
    final byte[] envelope;
    final byte[] own;
    final EnvelopeContext context =
        EnvelopeContext.delivery(DeliveryId.of("bench"), SecurityLevel.SECRET);
    int users;

    Fixture(KeySuite suite, SecureRandom random) {
      Clock clock = Clock.systemUTC();
      keys = new KeyService(new MemoryStorage(clock), clock, random, KdfPolicy.DEFAULT, suite,
          Duration.ofHours(1), UnlockAttemptListener.NONE,
          new KdfLimiter(KdfLimiter.defaultBudget(), Duration.ofMinutes(1)), new Sessions(clock));
      alice = keys.activate(UserId.of("alice"), SecuPass.of(PASS));
      bob = keys.activate(UserId.of("bob"), SecuPass.of(PASS));
      aliceKeys = alice.publicKeys();
      bobKeys = bob.publicKeys();
      contentKey = SymmetricKey.generate(random);
      envelope = alice.sealEnvelope(contentKey, bobKeys, context);
      own = alice.sealEnvelope(contentKey, aliceKeys, context);
    }

    void run(String operation) {
      switch (operation) {
        case "envelope seal" -> alice.sealEnvelope(contentKey, bobKeys, context);
        case "envelope open" -> bob.openEnvelope(envelope, aliceKeys, context).close();
        case "grant fulfilment" -> {
          try (SymmetricKey key = alice.openEnvelope(own, aliceKeys, context)) {
            alice.sealEnvelope(key, bobKeys, context);
          }
        }
        case "activation" -> keys.activate(UserId.of("user-" + users++), SecuPass.of(PASS))
            .close();
        case "unlock" -> keys.unlock(UserId.of("alice"), SecuPass.of(PASS)).close();
        default -> throw new IllegalArgumentException(operation);
      }
    }
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    SecureRandom random = new SecureRandom();
    Map<KeySuite, Fixture> fixtures = new EnumMap<>(KeySuite.class);
    for (KeySuite suite : KeySuite.values()) {
      fixtures.put(suite, new Fixture(suite, random));
    }
    System.out.printf("%-17s %10s %10s %8s %8s %8s%n", "operation", "X-Wing", "classical",
        "q1", "median", "q3");
    for (String operation : List.of("envelope seal", "envelope open", "grant fulfilment",
        "activation", "unlock")) {
      boolean slow = operation.equals("activation") || operation.equals("unlock");
      int n = slow ? 1 : batch;
      int r = slow ? Math.max(6, rounds / 3) : rounds;
      for (int warm = 0; warm < (slow ? 2 : 5); warm++) {
        for (Fixture f : fixtures.values()) {
          for (int i = 0; i < n; i++) {
            f.run(operation);
          }
        }
      }
      List<Double> ratios = new ArrayList<>();
      List<Double> xwing = new ArrayList<>();
      List<Double> classical = new ArrayList<>();
      for (int round = 0; round < r; round++) {
        KeySuite first = round % 2 == 0 ? KeySuite.X_WING : KeySuite.CLASSICAL;
        KeySuite second = first == KeySuite.X_WING ? KeySuite.CLASSICAL : KeySuite.X_WING;
        double a = time(Objects.requireNonNull(fixtures.get(first)), operation, n);
        double b = time(Objects.requireNonNull(fixtures.get(second)), operation, n);
        double x = first == KeySuite.X_WING ? a : b;
        double c = first == KeySuite.X_WING ? b : a;
        xwing.add(x);
        classical.add(c);
        ratios.add(x / c);
      }
      double[] q = quartiles(ratios);
      boolean millis = slow;
      System.out.printf("%-17s %8.1f%s %8.1f%s %8.2f %8.2f %8.2f%n", operation,
          median(xwing) / (millis ? 1e6 : 1e3), millis ? "ms" : "us",
          median(classical) / (millis ? 1e6 : 1e3), millis ? "ms" : "us", q[0], q[1], q[2]);
    }
  }

  /** CPU nanoseconds per operation over {@code n} operations. */
  private static double time(Fixture fixture, String operation, int n) {
    long start = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      fixture.run(operation);
    }
    return (THREADS.getCurrentThreadCpuTime() - start) / (double) n;
  }

  private static double median(List<Double> values) {
    return quartiles(values)[1];
  }

  private static double[] quartiles(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new double[] {at(sorted, 0.25), at(sorted, 0.5), at(sorted, 0.75)};
  }

  private static double at(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = (int) Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
  }
}
