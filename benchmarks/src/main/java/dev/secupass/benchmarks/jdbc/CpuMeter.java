package dev.secupass.benchmarks.jdbc;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

/**
 * CPU time spent on a measured stretch, the figure that holds on a shared machine where wall time
 * does not: that of the benchmark's threads (JMH's workers, so not the JIT compiler's or the
 * garbage collector's, which a short run on a busy machine inflates), of the whole benchmark JVM,
 * and of the PostgreSQL server processes of its connections ({@link
 * BenchmarkDatabase#serverCpuNanos}). It prints operations per CPU-second, that is per core, and
 * the statements the storage sent to the server per operation ({@link StatementCounter}).
 */
final class CpuMeter {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final BenchmarkDatabase database;
  private static final java.lang.management.ThreadMXBean THREADS =
      ManagementFactory.getThreadMXBean();

  private long clientStart;
  private long workersStart;
  private Map<Integer, Long> serverStart = new HashMap<>();
  private long wallStart;
  private long statementsStart;

  CpuMeter(BenchmarkDatabase database) {
    this.database = database;
  }

  void start() {
    serverStart = database.serverCpuNanos();
    wallStart = System.nanoTime();
    statementsStart = database.statements();
    clientStart = OS.getProcessCpuTime();
    workersStart = workerCpuNanos();
  }

  /** The CPU time of the live JMH worker threads. */
  private static long workerCpuNanos() {
    long total = 0;
    for (java.lang.management.ThreadInfo thread : THREADS.dumpAllThreads(false, false)) {
      if (thread.getThreadName().contains("jmh-worker")) {
        long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
        total += Math.max(nanos, 0);
      }
    }
    return total;
  }

  /** Prints the figures for {@code operations} done since {@link #start}. */
  void stop(String what, long operations) {
    long client = OS.getProcessCpuTime() - clientStart;
    long workers = workerCpuNanos() - workersStart;
    long wall = System.nanoTime() - wallStart;
    long statements = database.statements() - statementsStart;
    long server = 0;
    for (Map.Entry<Integer, Long> now : database.serverCpuNanos().entrySet()) {
      server += now.getValue() - serverStart.getOrDefault(now.getKey(), 0L);
    }
    System.out.printf(Locale.ROOT, "%n[cpu] %s: %d in %.2f s wall; benchmark threads %.1f ms CPU"
            + " (%.0f per core), whole JVM %.1f ms (%.0f per core), server %.1f ms (%.0f per"
            + " core); threads and server together %.0f per core; %.2f statements each; load %s%n",
        what, operations, wall / 1e9, workers / 1e6, perCore(operations, workers),
        client / 1e6, perCore(operations, client), server / 1e6, perCore(operations, server),
        perCore(operations, workers + server),
        operations == 0 ? Double.NaN : (double) statements / operations, load());
  }

  private static double perCore(long operations, long nanos) {
    return nanos <= 0 ? Double.NaN : operations * 1e9 / nanos;
  }

  private static String load() {
    double load = OS.getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", load);
  }
}
