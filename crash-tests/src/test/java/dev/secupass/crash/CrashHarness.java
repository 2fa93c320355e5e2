package dev.secupass.crash;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts the workload in a child JVM on the test's own class path, kills it with SIGKILL at a
 * random point, checks the invariants on what it left, and starts it again, {@code kills} times;
 * then lets one last child run a round to its end and checks again. Where each kill landed comes
 * from the child's log (the operation it had begun and not ended).
 */
final class CrashHarness {
  /** Lines of a round's log, about: the line-based kills spread over the first round. */
  private static final int LINES_PER_ROUND = 54;
  private static final long CHILD_TIMEOUT_MILLIS = 120_000;

  private final Backend backend;
  private final long seed;
  private final PrintStream report;

  /** What a run found. */
  record Result(int kills, Map<String, Integer> landings, List<String> violations,
      List<String> orphans, int swept) {}

  CrashHarness(Backend backend, long seed, PrintStream report) {
    this.backend = backend;
    this.seed = seed;
    this.report = report;
  }

  Result run(int kills) throws Exception {
    backend.prepare();
    Map<String, Integer> landings = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    List<String> orphans = new ArrayList<>();
    int swept = 0;
    for (int run = 0; run < kills; run++) {
      Random random = new Random(seed * 31 + run);
      long started = System.nanoTime();
      Path log = backend.dir().resolve("child-" + run + ".log");
      Process child = start(run, 0, log);
      String landed = killSomewhere(child, log, random);
      landings.merge(landed, 1, Integer::sum);
      long killed = System.nanoTime();
      Invariants invariants = new Invariants(backend, run);
      invariants.check();
      invariants.checkReturned(lines(log));
      swept += invariants.swept();
      report.printf("%s kill %d: in %s after %d ms, checked in %d ms; %d violations,"
          + " %d blobs swept, %d orphaned blobs left%n", backend.kind(), run, landed,
          (killed - started) / 1_000_000, (System.nanoTime() - killed) / 1_000_000,
          invariants.violations().size(), invariants.swept(), invariants.orphans().size());
      for (String violation : invariants.violations()) {
        violations.add("after kill " + run + " (in " + landed + "): " + violation);
      }
      invariants.orphans().stream().filter(o -> !orphans.contains(o)).forEach(orphans::add);
    }
    // The last start runs a whole round, as a host goes on after its crashes.
    Path log = backend.dir().resolve("child-last.log");
    Process last = start(kills, 1, log);
    if (!last.waitFor(CHILD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || last.exitValue() != 0) {
      last.destroyForcibly().waitFor();
      violations.add("the host did not complete a round after the kills: " + tail(log));
    }
    Invariants invariants = new Invariants(backend, -1);
    invariants.check();
    invariants.checkReturned(lines(log));
    violations.addAll(invariants.violations());
    invariants.orphans().stream().filter(o -> !orphans.contains(o)).forEach(orphans::add);
    swept += invariants.swept();
    return new Result(kills, landings, violations, orphans, swept);
  }

  private Process start(int run, int rounds, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), CrashChild.class.getName()));
    command.addAll(backend.args());
    command.addAll(List.of(Long.toString(seed), Integer.toString(run), Integer.toString(rounds)));
    return new ProcessBuilder(command)
        .redirectOutput(log.toFile())
        .redirectError(backend.dir().resolve("child-" + run + ".err").toFile())
        .start();
  }

  /**
   * Kills the child at a random point: mostly just after a random line of its log (so the kills
   * spread over the operations, landing inside one), sometimes at a random time from its start
   * (inside its start-up and migrations too).
   */
  private String killSomewhere(Process child, Path log, Random random) throws Exception {
    long started = System.nanoTime();
    if (random.nextInt(5) == 0) {
      Thread.sleep(random.nextInt(3000));
    } else {
      int line = 1 + random.nextInt(LINES_PER_ROUND);
      while (lines(log).size() < line && child.isAlive()
          && System.nanoTime() - started < CHILD_TIMEOUT_MILLIS * 1_000_000) {
        Thread.sleep(2);
      }
      Thread.sleep(random.nextInt(25));
    }
    if (!child.isAlive()) {
      throw new AssertionError("the child ended before its kill (exit " + child.exitValue()
          + "): " + tail(log) + " / " + tail(log.resolveSibling(
              log.getFileName().toString().replace(".log", ".err"))));
    }
    child.destroyForcibly();  // SIGKILL on Unix
    child.waitFor();
    List<String> lines = lines(log);
    if (lines.isEmpty()) {
      return "JVM start-up";
    }
    String lastLine = lines.get(lines.size() - 1);
    String op = lastLine.replaceFirst("^(begin|end) ", "").replaceFirst("^round .*", "round");
    return lastLine.startsWith("begin ") ? op : "between operations";
  }

  private static List<String> lines(Path log) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.startsWith("begin ") || line.startsWith("end ")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
