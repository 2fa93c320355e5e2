package dev.secupass.benchmarks;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.micrometer.MicrometerObserver;
import dev.secupass.micrometer.SecuPassCountsHandler;
import dev.secupass.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The cost of observing the SDK with Micrometer (docs/observability.md, "Overhead"): two SDKs on
 * embedded H2 and the filesystem blob store, one without an observer and one with {@link
 * MicrometerObserver} on a registry whose handlers publish timers and summaries to a {@link
 * SimpleMeterRegistry}, each sending level 3 deliveries of one small file to a recipient with a
 * SecuPass (the unlock is done once, before timing). After a warm-up, each round times a batch of
 * sends on each (in alternating order) by the calling thread's CPU time and takes the ratio
 * observed / plain; the report gives the median and quartiles over all rounds.
 *
 * <pre>{@code java -cp ... dev.secupass.benchmarks.ObserverOverhead \
 *     [fileBytes=4096] [sendsPerBatch=20] [warmupSeconds=30] [rounds=40]}</pre>
 */
public final class ObserverOverhead {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  private ObserverOverhead() {}

  /** One SDK, its sender's open session, and the draft it sends. */
  private static final class Sender implements AutoCloseable {
    private final JdbcStorage storage;
    private final SecuPassSdk sdk;
    private final SecuPassSession session;
    private final SignedInUser alice = SignedInUser.employee(UserId.of("alice"));
    private final byte[] content;

    Sender(Path dir, SecuPassObserver observer, byte[] content) {
      this.storage = JdbcStorage.embedded(dir.resolve("db"));
      // Bob's keys are trusted on first use: this measures sends, not confirming safety words.
      this.sdk = SecuPassSdk.builder().storage(storage)
          .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
          .blobStore(new FileSystemBlobStore(dir.resolve("blobs")))
          .atRestKey(TinkAtRestKey.generate()).kdfPolicy(FAST).observer(observer).build();
      this.content = content;
      try (SecuPass pass = SecuPass.of("benchmark pass phrase")) {
        sdk.secuPass().activate(UserId.of("bob"), pass).close();
        this.session = sdk.secuPass().activate(alice.user(), pass);
      }
    }

    void send(int times) {
      for (int i = 0; i < times; i++) {
        sdk.deliveries().send(alice, session, DeliveryDraft.builder()
            .level(SecurityLevel.SECRET)
            .subject("report")
            .to(Addressee.employee(UserId.of("bob"), "bob@example.org"))
            .file("report.pdf", () -> new ByteArrayInputStream(content), content.length)
            .build());
      }
    }

    @Override
    public void close() {
      session.close();
      sdk.close();
      storage.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int fileBytes = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    byte[] content = new byte[fileBytes];
    new Random(1).nextBytes(content);
    Path dir = Files.createTempDirectory("observer-overhead");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(meters))
        .observationHandler(new SecuPassCountsHandler(meters));
    try (Sender plain = new Sender(dir.resolve("plain"), SecuPassObserver.NONE, content);
        Sender observed = new Sender(dir.resolve("observed"),
            MicrometerObserver.of(observations), content)) {
      long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
      while (System.nanoTime() < warmupEnd) {
        plain.send(batch);
        observed.send(batch);
      }
      double[] ratios = new double[rounds];
      double[] plainMillis = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        long p;
        long o;
        if (round % 2 == 0) {
          p = cpu(() -> plain.send(batch));
          o = cpu(() -> observed.send(batch));
        } else {
          o = cpu(() -> observed.send(batch));
          p = cpu(() -> plain.send(batch));
        }
        ratios[round] = (double) o / p;
        plainMillis[round] = p / 1e6 / batch;
      }
      Arrays.sort(ratios);
      Arrays.sort(plainMillis);
      System.out.printf("%nObserver overhead: level 3 send of one %d-byte file, H2 + filesystem,"
          + " %d rounds of %d sends, thread CPU time%n", fileBytes, rounds, batch);
      System.out.printf("observed / plain: %.3f [%.3f-%.3f] (median [quartiles]); plain send"
          + " %.2f ms CPU; %d meters published%n", quantile(ratios, 0.5),
          quantile(ratios, 0.25), quantile(ratios, 0.75), quantile(plainMillis, 0.5),
          meters.getMeters().size());
    }
  }

  private static long cpu(Runnable work) {
    long start = THREADS.getCurrentThreadCpuTime();
    work.run();
    return THREADS.getCurrentThreadCpuTime() - start;
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }
}
