package dev.secupass.samples.cli;

import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.People;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure is one line and its own exit code, never a stack trace; the documented table of
 * exit codes is the enum's.
 */
class ErrorsTest {
  @TempDir
  Path temp;

  @Test
  void docs_exitCodeTable_listsEveryCodeOfTheEnum() throws IOException {
    String doc = Files.readString(Path.of("../../docs/cli.md"));
    String table = doc.substring(doc.indexOf("| code | name | meaning |"));
    List<String> rows = table.lines().skip(2).takeWhile(line -> line.startsWith("|")).toList();

    assertThat(rows).containsExactlyElementsOf(Arrays.stream(ExitCode.values())
        .map(code -> "| " + code.code() + " | `" + code.name() + "` | " + code.meaning() + " |")
        .toList());
  }

  @Test
  void exitCodes_areDistinct() {
    assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct())
        .hasSize(ExitCode.values().length);
  }

  @Test
  void tamperedCiphertext_isIntegrity_andNothingIsSaved() throws IOException {
    Cli cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
    String id = sentId(cli.run("--as", "alice", "send", "--level", "2", "--to", "paul",
        Files.writeString(temp.resolve("a.txt"), "x".repeat(10_000)).toString()).ok());
    try (Stream<Path> blobs = Files.walk(cli.data().resolve("blobs/blobs"))) {
      Path blob = blobs.filter(Files::isRegularFile).findFirst().orElseThrow();
      try (RandomAccessFile file = new RandomAccessFile(blob.toFile(), "rw")) {
        file.seek(file.length() / 2);
        int b = file.read();
        file.seek(file.length() / 2);
        file.write(b ^ 1);
      }
    }

    Path out = temp.resolve("out");
    cli.run("--as", "paul", "download", id, "--out", out.toString())
        .failed(ExitCode.INTEGRITY.code());
    assertThat(out.resolve("a.txt")).doesNotExist();
  }

  @Test
  void unreachableDatabase_isStorage() {
    Cli cli = new Cli(temp.resolve("data"));

    String error = cli.run("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "users", "list")
        .failed(ExitCode.STORAGE.code());

    assertThat(error).doesNotContain("\tat ");
  }

  @Test
  void unusableStorageSettings_areSetup() {
    Cli cli = new Cli(temp.resolve("data"));

    assertThat(cli.run("--jdbc-url", "postgresql://no-jdbc-prefix", "users", "list")
        .failed(ExitCode.SETUP.code())).isEqualTo("error: a JDBC URL starts with 'jdbc:'");
    cli.env("SECUPASS_S3_ACCESS_KEY", "only-the-id");
    cli.run("--s3-bucket", "b", "users", "list").failed(ExitCode.SETUP.code());
    cli.run("--kdf-profile", "fast", "users", "list").failed(ExitCode.SETUP.code());
  }

  @Test
  void atRestKeyFileReadableByOthers_isSetup() throws IOException {
    Cli cli = new Cli(temp.resolve("data"));
    cli.run("users", "list").ok();
    Files.setPosixFilePermissions(cli.data().resolve("at-rest-key.json"),
        PosixFilePermissions.fromString("rw-r--r--"));

    String error = cli.run("users", "list").failed(ExitCode.SETUP.code());

    assertThat(error).contains("may be read by others", "chmod 600");
  }

  @Test
  void localFileProblems_areLocalFile() throws IOException {
    Cli cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
    String id = sentId(cli.run("--as", "alice", "send", "--level", "2", "--to", "paul",
        Files.writeString(temp.resolve("b.txt"), "b").toString()).ok());
    Path notAFolder = Files.writeString(temp.resolve("file"), "");

    cli.run("--as", "paul", "download", id, "--out", notAFolder.toString())
        .failed(ExitCode.LOCAL_FILE.code());
    cli.run("--as", "alice", "--new-pass-file", temp.resolve("missing").toString(), "activate")
        .failed(ExitCode.NO_SECRET.code());
  }

  @Test
  void usageErrors_areOneLine_withWhereToLook() {
    Cli cli = new Cli(temp.resolve("data"));

    CliRun unknown = cli.run("fly");
    assertThat(unknown.failed(ExitCode.USAGE.code())).contains("(see 'secupass --help')");
    assertThat(cli.run("send", "--level", "9", "--to", "x", "f").failed(ExitCode.USAGE.code()))
        .contains("(see 'secupass send --help')");
    cli.run("rooms").failed(ExitCode.USAGE.code());
    cli.run("--s3-region", "eu-central-1", "users", "list").failed(ExitCode.USAGE.code());
  }

  @Test
  void help_listsTheCommands_andExitsZero() {
    String help = new Cli(temp.resolve("data")).run("--help").ok();

    assertThat(help).contains("demo", "send", "download", "open-link", "rooms", "sweep",
        "SECUPASS_PASS");
    assertThat(help).doesNotContain("--kdf-profile");
    assertThat(new Cli(temp.resolve("data")).run("send", "--help").ok())
        .contains("Usage: secupass send", "--level=LEVEL", "--to=RECIPIENT");
    assertThat(new Cli(temp.resolve("data")).run("rooms", "invite", "--help").ok())
        .contains("Usage: secupass rooms invite");
  }

  @Test
  void failures_ofUnexpectedKinds_areInternal_andStillOneLine() {
    Failures.Failure failure = Failures.of(new IllegalStateException("line one\n\tat somewhere"));

    assertThat(failure.code()).isEqualTo(ExitCode.INTERNAL);
    assertThat(failure.message()).isEqualTo("unexpected failure, a bug in the sample: line one at"
        + " somewhere").doesNotContain("Exception");
  }
}
