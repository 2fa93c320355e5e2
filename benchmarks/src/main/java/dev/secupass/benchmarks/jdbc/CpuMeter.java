package dev.secupass.benchmarks.jdbc;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

/**
 * CPU time spent on a measured stretch, the figure that holds on a shared machine where wall time
 * does not: the benchmark JVM's (all its threads, from the operating system) and that of the
 * PostgreSQL server processes of its connections ({@link BenchmarkDatabase#serverCpuNanos}). It
 * prints operations per CPU-second, that is per core, for the client, the server, and both.
 */
final class CpuMeter {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final BenchmarkDatabase database;
  private long clientStart;
  private Map<Integer, Long> serverStart = new HashMap<>();
  private long wallStart;

  CpuMeter(BenchmarkDatabase database) {
    this.database = database;
  }

  void start() {
    serverStart = database.serverCpuNanos();
    wallStart = System.nanoTime();
    clientStart = OS.getProcessCpuTime();
  }

  /** Prints the figures for {@code operations} done since {@link #start}. */
  void stop(String what, long operations) {
    long client = OS.getProcessCpuTime() - clientStart;
    long wall = System.nanoTime() - wallStart;
    long server = 0;
    for (Map.Entry<Integer, Long> now : database.serverCpuNanos().entrySet()) {
      server += now.getValue() - serverStart.getOrDefault(now.getKey(), 0L);
    }
    System.out.printf(Locale.ROOT, "%n[cpu] %s: %d in %.2f s wall; client %.1f ms CPU (%.0f per"
            + " core), server %.1f ms CPU (%.0f per core), both %.0f per core; load %s%n",
        what, operations, wall / 1e9, client / 1e6, perCore(operations, client),
        server / 1e6, perCore(operations, server), perCore(operations, client + server),
        load());
  }

  private static double perCore(long operations, long nanos) {
    return nanos <= 0 ? Double.NaN : operations * 1e9 / nanos;
  }

  private static String load() {
    double load = OS.getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", load);
  }
}
