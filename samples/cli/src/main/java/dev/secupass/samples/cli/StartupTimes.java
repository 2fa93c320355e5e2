package dev.secupass.samples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where one command's time goes, printed on standard error when {@code SECUPASS_TIMING} is set
 * ({@code samples/cli/startup-time.sh} uses it): from the process's start to {@code main} (the
 * JVM), from {@code main} to the command (the jar's classes, picocli), opening the store (H2,
 * the schema check, the SDK), the command itself and closing the store (wall clock), and the
 * CPU time the process used so far (all its threads: the JIT compilers, the garbage collector).
 */
public final class StartupTimes {
  /** The environment variable that turns the line on. */
  public static final String VARIABLE = "SECUPASS_TIMING";

  private static volatile long mainAt = System.nanoTime();
  private static volatile @Nullable Instant mainInstant;

  private StartupTimes() {}

  /** Called first thing in {@code main}. */
  static void mainStarted() {
    mainAt = System.nanoTime();
    mainInstant = Instant.now();
  }

  /**
   * Prints the line.
   *
   * @param commandAt when the command began ({@link System#nanoTime()})
   * @param openedAt when the store was open
   * @param doneAt when the command finished
   * @param closedAt when the store was closed
   */
  static void print(PrintWriter err, long commandAt, long openedAt, long doneAt, long closedAt) {
    Instant main = mainInstant;
    Optional<Instant> processStart = ProcessHandle.current().info().startInstant();
    String jvm = main != null && processStart.isPresent()
        ? ms(Duration.between(processStart.get(), main).toNanos()) : "?";
    String cpu = ProcessHandle.current().info().totalCpuDuration()
        .map(duration -> ms(duration.toNanos())).orElse("?");
    err.println("timing: JVM start " + jvm + ", classes and picocli " + ms(commandAt - mainAt)
        + ", opening the store " + ms(openedAt - commandAt) + ", command "
        + ms(doneAt - openedAt) + ", closing the store " + ms(closedAt - doneAt)
        + "; process CPU time so far " + cpu);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
  }
}
