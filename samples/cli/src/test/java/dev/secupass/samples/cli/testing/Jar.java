package dev.secupass.samples.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code target/secupass-cli.jar} as a person does: {@code java -jar} in a process of its
 * own, with an environment of the test's choosing (the process's own {@code SECUPASS_*}
 * variables removed, the Argon2id test profile on) and standard input the test writes. No
 * terminal, so no prompt can wait.
 */
public final class Jar {
  /** The jar the build makes. */
  public static final Path JAR = Path.of("target/secupass-cli.jar").toAbsolutePath();

  private final Path data;
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();

  public Jar(Path data) {
    this.data = data;
    environment.put("SECUPASS_KDF_PROFILE", "test");
  }

  public Path data() {
    return data;
  }

  /** Sets an environment variable for the following runs. */
  public Jar env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Adds options for the JVM of the following runs ({@code -D...}, {@code -Xlog:...}). */
  public Jar jvm(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /** Removes an environment variable. */
  public Jar unset(String name) {
    environment.remove(name);
    return this;
  }

  /** Runs {@code java -jar secupass-cli.jar --data <folder> args...}. */
  public CliRun run(String... args) {
    return input("", args);
  }

  /** As {@link #run}, with {@code stdin} on standard input. */
  public CliRun input(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("--data", data.toString()));
    all.addAll(List.of(args));
    return runRaw(stdin, all.toArray(String[]::new));
  }

  /** Runs the jar with exactly {@code args}. */
  public CliRun runRaw(String stdin, String... args) {
    Process process = start(args);
    try {
      CompletableFuture<String> err = CompletableFuture.supplyAsync(
          () -> read(process.getErrorStream()));
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      String out = read(process.getInputStream());
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
      return new CliRun(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * Starts the jar with exactly {@code args} and leaves it running, its output and errors written
   * to {@code log}.
   */
  public Process start(Path log, String... args) {
    ProcessBuilder builder = builder(args);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process start(String... args) {
    try {
      return builder(args).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("SECUPASS_"));
    builder.environment().putAll(environment);
    return builder;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
