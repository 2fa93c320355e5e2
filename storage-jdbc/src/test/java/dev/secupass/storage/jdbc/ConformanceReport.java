package dev.secupass.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes a readable report of a test run to {@code target/conformance-report.txt}: a summary per
 * database, then every test as the sentence path of its display names ({@code PostgreSQL ›
 * KeyStore › ... › rule}) with its outcome, failures first with their reason (a class or group
 * whose set-up failed, say because the database cannot be reached, is listed as failed). Registered with
 * the JUnit Platform through {@code META-INF/services}, so every run of this module's tests writes
 * it (the tester command in {@code docs/storage-jdbc.md}).
 */
@SuppressWarnings("exports") // the JUnit Platform is on the class path in tests
public final class ConformanceReport implements TestExecutionListener {
  private static final Path FILE = Path.of("target", "conformance-report.txt");

  private final Map<String, int[]> totals = new LinkedHashMap<>();
  private final List<String> failed = new ArrayList<>();
  private final List<String> others = new ArrayList<>();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    if (test.isTest()) {
      record(test, "SKIPPED", reason);
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return;
    }
    String reason = result.getThrowable()
        .map(t -> t.getClass().getSimpleName() + ": " + firstLine(t.getMessage()))
        .orElse("");
    record(test, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "PASSED" : "FAILED",
        reason);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (totals.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("SecuPass JDBC storage: conformance report, " + Instant.now());
    lines.add(servers());
    lines.add("");
    totals.forEach((database, n) -> lines.add(String.format(
        "%-40s %4d passed, %4d failed, %4d skipped", database, n[0], n[1], n[2])));
    lines.add("");
    lines.addAll(failed);
    lines.addAll(others);
    try {
      Files.createDirectories(FILE.getParent());
      Files.write(FILE, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the database tests ran (the URLs and users, never the passwords). */
  private static String servers() {
    if (Boolean.getBoolean("secupass.jdbc.testcontainers")) {
      return "Servers: Testcontainers";
    }
    return "Servers: PostgreSQL " + DatabaseServer.of(Dialect.POSTGRESQL) + "; MariaDB "
        + DatabaseServer.of(Dialect.MARIADB) + "; H2 embedded";
  }

  private synchronized void record(TestIdentifier test, String outcome, String reason) {
    List<String> path = new ArrayList<>();
    for (Optional<TestIdentifier> t = Optional.of(test); t.isPresent(); t = plan.getParent(t.get())) {
      if (t.get().getSource().isPresent()) {
        path.add(0, t.get().getDisplayName());
      }
    }
    String database = path.isEmpty() ? "?" : path.get(0);
    int[] n = totals.computeIfAbsent(database, d -> new int[3]);
    n[outcome.equals("PASSED") ? 0 : outcome.equals("FAILED") ? 1 : 2]++;
    String line = String.format("%-7s %s", outcome, String.join(" › ", path));
    if (outcome.equals("PASSED")) {
      others.add(line);
    } else {
      failed.add(line);
      failed.add("        " + reason);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
