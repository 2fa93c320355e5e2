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
import dev.secupass.spi.Storage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Level 3 sends of one small file to a recipient with a SecuPass from two SDKs, a baseline and a
 * candidate that differ in one thing (an observer, the upload journal), on the filesystem blob
 * store; the unlock is done once, before timing. After a warm-up, each round times a batch of
 * sends on each, in alternating order, by the calling thread's CPU time and by the wall clock, and
 * takes the ratio candidate / baseline per round: a busy machine slows both sides of a round alike.
 */
public final class PairedSends {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  private PairedSends() {}

  /**
   * A run's sizes, from the command line's arguments from {@code from} on: {@code [fileBytes=4096]
   * [sendsPerBatch=20] [warmupSeconds=30] [rounds=40]}.
   */
  public record Settings(int fileBytes, int batch, int warmupSeconds, int rounds) {
    public static Settings of(String[] args, int from) {
      int[] given = {4096, 20, 30, 40};
      for (int i = 0; i < given.length && from + i < args.length; i++) {
        given[i] = Integer.parseInt(args[from + i]);
      }
      return new Settings(given[0], given[1], given[2], given[3]);
    }

    /** The file every send sends: {@link #fileBytes} fixed random bytes. */
    public byte[] content() {
      byte[] content = new byte[fileBytes];
      new Random(1).nextBytes(content);
      return content;
    }

    /** What the run sends, for the report's first line. */
    public String describe(String storage) {
      return String.format(Locale.ROOT, "level 3 send of one %d-byte file, %s + filesystem, %d"
          + " rounds of %d sends", fileBytes, storage, rounds, batch);
    }
  }

  /** One SDK on {@code storage}, its sender's open session, and the draft it sends. */
  public static final class Sender implements AutoCloseable {
    private final SecuPassSdk sdk;
    private final SecuPassSession session;
    private final SignedInUser alice = SignedInUser.employee(UserId.of("alice"));
    private final byte[] content;

    /** The caller closes {@code storage} after this sender. */
    public Sender(Storage storage, Path blobs, SecuPassObserver observer, byte[] content) {
      // Bob's keys are trusted on first use: this measures sends, not confirming safety words.
      this.sdk = SecuPassSdk.builder().storage(storage)
          .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
          .blobStore(new FileSystemBlobStore(blobs))
          .atRestKey(TinkAtRestKey.generate()).kdfPolicy(FAST).observer(observer).build();
      this.content = content;
      try (SecuPass pass = SecuPass.of("benchmark pass phrase")) {
        sdk.secuPass().activate(UserId.of("bob"), pass).close();
        this.session = sdk.secuPass().activate(alice.user(), pass);
      }
    }

    public void send(int times) {
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
    }
  }

  /** Per round: the ratios candidate / baseline and the baseline's time per send. */
  public record Rounds(double[] cpuRatios, double[] wallRatios, double[] baselineCpuMillis,
      double[] baselineWallMillis, double[] candidateWallMillis) {

    /** Median [quartiles] of each, one line apiece. */
    public String report() {
      return String.format(Locale.ROOT, "candidate / baseline, thread CPU time: %s%n"
              + "candidate / baseline, wall clock:      %s%n"
              + "baseline send: %.3f ms CPU, %.3f ms wall; candidate send: %.3f ms wall"
              + " (medians)%n", quartiles(cpuRatios), quartiles(wallRatios),
          quantile(baselineCpuMillis, 0.5), quantile(baselineWallMillis, 0.5),
          quantile(candidateWallMillis, 0.5));
    }
  }

  /** Warms both up for the settings' seconds, then times their rounds of pairs of batches. */
  public static Rounds run(Sender baseline, Sender candidate, Settings settings) {
    int batch = settings.batch();
    int rounds = settings.rounds();
    int warmupSeconds = settings.warmupSeconds();
    long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    while (System.nanoTime() < warmupEnd) {
      baseline.send(batch);
      candidate.send(batch);
    }
    Rounds r = new Rounds(new double[rounds], new double[rounds], new double[rounds],
        new double[rounds], new double[rounds]);
    for (int round = 0; round < rounds; round++) {
      long[] b;
      long[] c;
      if (round % 2 == 0) {
        b = time(() -> baseline.send(batch));
        c = time(() -> candidate.send(batch));
      } else {
        c = time(() -> candidate.send(batch));
        b = time(() -> baseline.send(batch));
      }
      r.cpuRatios[round] = (double) c[0] / b[0];
      r.wallRatios[round] = (double) c[1] / b[1];
      r.baselineCpuMillis[round] = b[0] / 1e6 / batch;
      r.baselineWallMillis[round] = b[1] / 1e6 / batch;
      r.candidateWallMillis[round] = c[1] / 1e6 / batch;
    }
    Arrays.sort(r.cpuRatios);
    Arrays.sort(r.wallRatios);
    Arrays.sort(r.baselineCpuMillis);
    Arrays.sort(r.baselineWallMillis);
    Arrays.sort(r.candidateWallMillis);
    return r;
  }

  /** Thread CPU and wall-clock nanoseconds of {@code work}. */
  private static long[] time(Runnable work) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    work.run();
    return new long[] {THREADS.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall};
  }

  static String quartiles(double[] sorted) {
    return String.format(Locale.ROOT, "%.3f [%.3f-%.3f] (median [quartiles])",
        quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75));
  }

  static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }
}
