package dev.secupass.core.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one fuzz target, {@code <class>#<method>}, with JUnit: a regression run over its corpus,
 * or, with {@code JAZZER_FUZZ=1} in the environment, a coverage-guided fuzzing run. Used by {@code
 * scripts/fuzz.sh}, which runs it in a JVM of its own per target (Jazzer fuzzes one target per
 * JVM) and stops it after the time asked for. Exits 0 if the target passed.
 */
public final class FuzzLauncher {
  private FuzzLauncher() {}

  public static void main(String[] args) throws ClassNotFoundException {
    if (args.length != 1 || !args[0].contains("#")) {
      System.err.println("usage: FuzzLauncher <class>#<method>");
      System.exit(2);
    }
    String[] parts = args[0].split("#", 2);
    Class<?> type = Class.forName(parts[0]);
    Method method = Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(parts[1])).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(args[0] + " is not a fuzz target"));
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(type, method)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    summary.printTo(out);
    summary.printFailuresTo(out, 40);
    System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
  }
}
