package dev.secupass.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * The stream ratios of {@link StreamBenchmark}, measured so that a busy machine biases them as
 * little as possible: after a warm-up, each round times the baseline and the candidate back to back
 * (in alternating order) over the same bytes, by the calling thread's CPU time (wall-clock time for
 * the parallel mode, which runs on other threads), and takes the ratio of the two times per round;
 * the report gives the median and the quartiles over all rounds. For the parallel mode it also
 * reports how many cores it kept busy: the process's CPU time divided by the wall-clock time.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.secupass.benchmarks.PairedRatios \
 *     [mebibytes=64] [warmupSeconds=30] [rounds=40] [only=text in the pair names]}</pre>
 */
public final class PairedRatios {

  /** One timed operation of the workload. */
  @FunctionalInterface
  private interface Operation {
    Object run() throws Exception;
  }

  /** A candidate and its baseline; {@code wallClock} for candidates that use other threads. */
  private record Pair(String name, Operation candidate, Operation baseline, boolean wallClock) {
    Pair(String name, Operation candidate, Operation baseline) {
      this(name, candidate, baseline, false);
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private PairedRatios() {}

  public static void main(String[] args) throws Exception {
    int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    String only = args.length > 3 ? args[3] : "";
    StreamWorkload w = new StreamWorkload(mebibytes);
    List<Pair> all = List.of(
        new Pair("encrypt   streamEncrypt / rawEncrypt", w::streamEncrypt, w::rawEncrypt),
        new Pair("decrypt   streamDecryptPushed / rawDecrypt", w::streamDecryptPushed,
            w::rawDecrypt),
        new Pair("decrypt   streamDecryptPulled / rawDecryptFromStream (same I/O)",
            w::streamDecryptPulled, w::rawDecryptFromStream),
        new Pair("decrypt   streamDecryptPulled / rawDecrypt", w::streamDecryptPulled,
            w::rawDecrypt),
        new Pair("parallel  parallelEncrypt / rawEncrypt (2 workers, wall clock)",
            w::parallelEncrypt, w::rawEncrypt, true),
        new Pair("parallel  parallelDecrypt / rawDecrypt (2 workers, wall clock)",
            w::parallelDecrypt, w::rawDecrypt, true),
        new Pair("digest    streamEncryptWithDigest / rawEncrypt", w::streamEncryptWithDigest,
            w::rawEncrypt),
        new Pair("digest    parallelEncryptWithDigest / rawEncrypt (wall clock)",
            w::parallelEncryptWithDigest, w::rawEncrypt, true),
        new Pair("v2        v2Encrypt / rawEncryptThenSha256", w::v2Encrypt,
            w::rawEncryptThenSha256),
        new Pair("v2        v2Decrypt / rawSha256ThenDecrypt", w::v2Decrypt,
            w::rawSha256ThenDecrypt),
        new Pair("v2        v2ParallelEncrypt / v2Encrypt (2 workers, wall clock)",
            w::v2ParallelEncrypt, w::v2Encrypt, true),
        new Pair("v2        v2ParallelDecrypt / v2Decrypt (2 workers, wall clock)",
            w::v2ParallelDecrypt, w::v2Decrypt, true),
        new Pair("tink      tinkEncrypt / rawEncrypt", w::tinkEncrypt, w::rawEncrypt),
        new Pair("tink      tinkDecrypt / rawDecrypt", w::tinkDecrypt, w::rawDecrypt),
        new Pair("tink      tinkKeysetDecrypt / rawDecrypt", w::tinkKeysetDecrypt,
            w::rawDecrypt),
        new Pair("transfer  streamDecryptTransferTo / rawDecrypt", w::streamDecryptTransferTo,
            w::rawDecrypt),
        new Pair("transfer  tinkDecryptTransferTo / rawDecrypt", w::tinkDecryptTransferTo,
            w::rawDecrypt));
    List<Pair> pairs = all.stream().filter(pair -> pair.name().contains(only)).toList();
    try {
      long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
      while (System.nanoTime() < warmupEnd) {
        for (Pair pair : pairs) {
          pair.candidate().run();
          pair.baseline().run();
        }
      }
      System.out.printf("%nPaired ratios over %d rounds of %d MiB, by thread CPU time unless"
          + " marked (median [quartiles]); above 1 the candidate is faster than its baseline%n",
          rounds, mebibytes);
      for (Pair pair : pairs) {
        double[] ratios = new double[rounds];
        double[] candidateRates = new double[rounds];
        double[] cores = new double[rounds];
        for (int round = 0; round < rounds; round++) {
          long candidate;
          long baseline;
          long processCpu = PROCESS.getProcessCpuTime();
          if (round % 2 == 0) {
            candidate = time(pair.candidate(), pair.wallClock());
            processCpu = PROCESS.getProcessCpuTime() - processCpu;
            baseline = time(pair.baseline(), pair.wallClock());
          } else {
            baseline = time(pair.baseline(), pair.wallClock());
            processCpu = PROCESS.getProcessCpuTime();
            candidate = time(pair.candidate(), pair.wallClock());
            processCpu = PROCESS.getProcessCpuTime() - processCpu;
          }
          cores[round] = (double) processCpu / candidate;
          ratios[round] = (double) baseline / candidate;
          candidateRates[round] = (mebibytes * 1_048_576.0) / candidate;
        }
        Arrays.sort(ratios);
        Arrays.sort(candidateRates);
        Arrays.sort(cores);
        System.out.printf("%-68s %.2f [%.2f-%.2f]  candidate %.2f GB/s%s%n", pair.name(),
            quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75),
            quantile(candidateRates, 0.5), pair.wallClock()
                ? String.format(", %.2f cores busy", quantile(cores, 0.5)) : "");
      }
    } finally {
      w.close();
    }
  }

  /**
   * The operation's time: CPU time of this thread, which other processes on a shared machine do
   * not inflate, or wall-clock time for operations that use other threads.
   */
  private static long time(Operation operation, boolean wallClock) throws Exception {
    long start = wallClock ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    operation.run();
    return (wallClock ? System.nanoTime() : THREADS.getCurrentThreadCpuTime()) - start;
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }
}
