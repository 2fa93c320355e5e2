package dev.secupass.samples.cli.testing;

import dev.secupass.samples.cli.CliEnvironment;
import dev.secupass.samples.cli.SecuPassCli;
import dev.secupass.samples.cli.io.SecretPrompt;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the app in this JVM, as {@code main} would, on a data folder of the test's: output
 * captured, the Argon2id test profile, the environment and console of the test's choosing (no
 * console unless the test types something), and a clock the test moves.
 */
public final class Cli {
  private final Path data;
  private final TestClock clock = new TestClock();
  private final Map<String, String> environment = new HashMap<>();
  private final Deque<String> typed = new ArrayDeque<>();
  private final StringBuilder transcript = new StringBuilder();
  private final List<String> questions = new ArrayList<>();

  public Cli(Path data) {
    this.data = data;
    environment.put("SECUPASS_KDF_PROFILE", "test");
  }

  public TestClock clock() {
    return clock;
  }

  public Path data() {
    return data;
  }

  /** Sets an environment variable for the following runs. */
  public Cli env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Removes an environment variable. */
  public Cli unset(String name) {
    environment.remove(name);
    return this;
  }

  /** Queues what a person types at the next prompts. */
  public Cli type(String... entries) {
    typed.addAll(List.of(entries));
    return this;
  }

  /** Every question the app asked at the console so far. */
  public List<String> questions() {
    return List.copyOf(questions);
  }

  /** Everything every run printed so far. */
  public String transcript() {
    return transcript.toString();
  }

  /**
   * Runs {@code secupass --data <folder> args...}; the first run of a test that does not create
   * the folder itself ({@code init}) runs {@code init} before it, as a user would once.
   */
  public CliRun run(String... args) {
    if (!List.of(args).contains("init") && !Files.exists(data.resolve("at-rest-key.json"))) {
      runRaw("--data", data.toString(), "init").ok();
    }
    List<String> all = new ArrayList<>(List.of("--data", data.toString()));
    all.addAll(List.of(args));
    return runRaw(all.toArray(String[]::new));
  }

  /** Runs the app with exactly {@code args}. */
  public CliRun runRaw(String... args) {
    SecretPrompt prompt = question -> {
      questions.add(question);
      return typed.isEmpty() ? null : typed.poll().toCharArray();
    };
    CommandLine line = SecuPassCli.commandLine(new CliEnvironment(environment, prompt, clock,
        InputStream.nullInputStream(),
        true));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    transcript.append(out).append(err);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs as an employee or partner with their SecuPass in the environment. */
  public CliRun as(String user, String secuPass, String... args) {
    environment.put("SECUPASS_PASS", secuPass);
    try {
      List<String> all = new ArrayList<>(List.of("--as", user));
      all.addAll(List.of(args));
      return run(all.toArray(String[]::new));
    } finally {
      environment.remove("SECUPASS_PASS");
    }
  }
}
