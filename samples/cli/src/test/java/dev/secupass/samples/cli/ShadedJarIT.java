package dev.secupass.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar README.md tells people to run, run as they would: {@code java -jar
 * target/secupass-cli.jar demo} in a process of its own (the shaded jar's manifest and merged
 * service files of Flyway, the JDBC drivers and the AWS SDK), with the test profile for speed.
 */
class ShadedJarIT {
  private static final Path JAR = Path.of("target/secupass-cli.jar");

  @TempDir
  Path temp;

  @Test
  void jar_playsTheDemo_andItsDataOpensWithTheNextCommand() throws Exception {
    Path folder = temp.resolve("demo");

    Result demo = java("--kdf-profile", "test", "demo", "--dir", folder.toString());

    assertThat(demo.code()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("8. A data room",
        "java -jar target/secupass-cli.jar --data " + folder + " users list");
    String told = demo.output().replace(folder.toString(), "<folder>");
    assertThat(told).as("the demo names no Java class and no id")
        .doesNotContainPattern("[A-Z][a-zA-Z]+Exception")
        .doesNotContainPattern("[0-9a-f]{16,}");
    Result outbox = java("--kdf-profile", "test", "--data", folder.toString(), "--as", "alice",
        "outbox");
    assertThat(outbox.code()).as(outbox.output()).isZero();
    assertThat(outbox.output()).contains("level 4 (top secret)");
  }

  @Test
  void jar_unknownCommand_isOneLineAndExitTwo() throws Exception {
    Result result = java("fly");

    assertThat(result.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.output().strip().lines()).hasSize(1);
  }

  private record Result(int code, String output) {}

  private static Result java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
