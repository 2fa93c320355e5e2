package dev.secupass.samples.cli;

import dev.secupass.samples.cli.io.SecretPrompt;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run the build records the class-data sharing archive from ({@code java
 * -XX:ArchiveClassesAtExit=target/secupass-cli.jsa -cp target/secupass-cli.jar ...CdsTraining
 * FOLDER}): the commands people run most, in one JVM, on a new data folder that is deleted
 * afterwards, so the archive holds the classes they load.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    delete(folder);
    CliEnvironment environment = new CliEnvironment(Map.of("SECUPASS_KDF_PROFILE", "test"),
        prompt(), Clock.systemUTC(), InputStream.nullInputStream(), false);
    List<List<String>> commands = List.of(
        List.of("init"),
        List.of("users", "add", "alice", "--employee"),
        List.of("users", "list"),
        List.of("--as", "alice", "whoami"),
        List.of("--as", "alice", "inbox"),
        List.of("--as", "alice", "outbox"),
        List.of("--as", "alice", "grants"),
        List.of("--as", "alice", "notices"),
        List.of("--help"));
    for (List<String> command : commands) {
      CommandLine line = SecuPassCli.commandLine(environment);
      line.setOut(new PrintWriter(Writer.nullWriter()));
      line.setErr(new PrintWriter(Writer.nullWriter()));
      String[] arguments = Stream.concat(Stream.of("--data", folder.toString()),
          command.stream()).toArray(String[]::new);
      int code = line.execute(arguments);
      if (code != 0) {
        throw new IllegalStateException("training command " + command + " ended with " + code);
      }
    }
    delete(folder);
  }

  private static SecretPrompt prompt() {
    return question -> null;
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> {
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
