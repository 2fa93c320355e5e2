package dev.secupass.samples.cli.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.Jar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conventions of a command-line tool, through the jar: JSON results, quiet runs, shell
 * completion, a configuration file, no progress bar off a terminal, links from standard input or
 * a file, a warning for a secret file others may read, and storage options not repeated in every
 * command's help.
 */
class ConventionsIT {
  private static final Pattern LINK = Pattern.compile("(https://\\S+#\\S+)");

  @TempDir
  Path temp;

  @Test
  void json_quiet_andNoProgressBarOffATerminal() throws IOException {
    Jar jar = aliceAndBob();
    byte[] content = new byte[2 * 1024 * 1024];
    new Random(7).nextBytes(content);
    Path big = Files.write(temp.resolve("big.bin"), content);

    CliRun sent = jar.run("--quiet", "--as", "alice", "send", "--level", "2", "--to", "bob",
        big.toString());
    String json = jar.run("--json", "--as", "alice", "send", "--level", "2", "--to", "bob",
        big.toString()).ok();
    String inbox = jar.run("--json", "--as", "bob", "inbox").ok();
    String users = jar.run("--json", "users", "list").ok();
    String error = jar.run("--json", "--as", "bob", "status", "nope").err();

    assertThat(sent.ok()).contains("sent delivery").doesNotContain("mail to");
    assertThat(sent.err()).doesNotContain("%", "[#", "warning");
    assertThat(json.strip()).startsWith("{\"id\":").contains("\"level\":2",
        "\"recipients\":[{\"recipient\":\"bob\",\"state\":\"can_open\"}]");
    assertThat(inbox.strip()).startsWith("[{").endsWith("}]").contains("\"sender\":\"alice\"");
    assertThat(users.strip()).startsWith("[{\"name\":\"alice\",\"kind\":\"employee\"");
    assertThat(error.strip()).startsWith("{\"error\":").contains("\"exit_code\":");
  }

  @Test
  void linkFromStandardInputOrAFile_andAWarningForASecretFileOthersMayRead()
      throws IOException {
    Jar jar = aliceAndBob();
    Path file = Files.writeString(temp.resolve("note.txt"), "a note");
    Matcher link = LINK.matcher(jar.run("--as", "alice", "send", "--level", "1", "--to",
        "bob", file.toString()).ok());
    assertThat(link.find()).isTrue();
    Path linkFile = Files.writeString(temp.resolve("link.txt"), link.group(1) + "\n");
    Path passFile = Files.writeString(temp.resolve("pass"), "a secupass long enough\n");
    Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-r--r--"));

    String fromStdin = jar.input(link.group(1) + "\n", "open-link", "-", "--list").ok();
    String fromFile = jar.run("open-link", "@" + linkFile, "--list").ok();
    CliRun warned = jar.run("--as", "alice", "activate", "--new-pass-file", passFile.toString());

    assertThat(fromStdin).contains("note.txt");
    assertThat(fromFile).contains("note.txt");
    assertThat(warned.ok()).contains("SecuPass activated");
    assertThat(warned.err()).contains("warning: " + passFile + " can be read by other users");
  }

  @Test
  void configFile_completion_andStorageOptionsOnlyInTheRootHelp() throws IOException {
    Path data = temp.resolve("configured");
    new Jar(data).run("init").ok();
    Path config = Files.writeString(temp.resolve("secupass.properties"), "data=" + data + "\n");
    Jar jar = new Jar(temp.resolve("ignored")).env("SECUPASS_CONFIG", config.toString());

    String listed = jar.runRaw("", "users", "list").ok();
    String completion = jar.runRaw("", "generate-completion").ok();
    String sendHelp = jar.runRaw("", "send", "--help").ok();
    String rootHelp = jar.runRaw("", "--help").ok();

    assertThat(listed).contains("the directory is empty");
    assertThat(completion).contains("complete -F", "secupass");
    assertThat(sendHelp).doesNotContain("--jdbc-url", "--s3-bucket");
    assertThat(rootHelp).contains("--jdbc-url", "--s3-bucket", "SECUPASS_CONFIG");
  }

  private Jar aliceAndBob() {
    Jar jar = new Jar(temp.resolve("data"));
    jar.run("init").ok();
    jar.run("users", "add", "alice", "--employee").ok();
    jar.run("users", "add", "bob", "--partner").ok();
    return jar;
  }
}
