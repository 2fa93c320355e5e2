package dev.secupass.samples.cli.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.Jar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors as the jar prints them: one line in the user's words (no Java class names, no internal
 * ids, role names as words), with the exit code --help lists.
 */
class ErrorsIT {
  private static final String ALICE = "alice jar secupass 1";
  private static final String BOB = "bob jar secupass 22";

  @TempDir
  Path temp;

  @Test
  void help_listsEveryExitCode() {
    String help = new Jar(temp.resolve("none")).run("--help").ok();

    assertThat(help).contains("Exit codes:");
    for (ExitCode code : ExitCode.values()) {
      assertThat(help).containsPattern("(?m)^\\s*" + code.code() + "\\s");
    }
  }

  @Test
  void badLevel_andMissingFile_areOneLine_withTheirCodes() {
    Jar jar = folder();
    jar.run("users", "add", "alice", "--employee").ok();

    String level = jar.run("--as", "alice", "send", "--level", "5", "--to", "x@example.org",
        "f.txt").failed(ExitCode.USAGE.code());
    String missing = jar.run("--as", "alice", "send", "--level", "1", "--to", "x@example.org",
        temp.resolve("missing.pdf").toString()).failed(ExitCode.LOCAL_FILE.code());

    assertThat(level).contains("'5' is no level: a level is 1-4");
    assertThat(missing).isEqualTo("error: no such file or folder: " + temp.resolve("missing.pdf"));
    assertThat(level + missing).doesNotContain("Exception", "java.");
  }

  @Test
  void anExpiryThePolicyRefuses_isToldInHoursAndDays_notIsoDurations() throws IOException {
    Jar jar = folder();
    jar.run("users", "add", "alice", "--employee").ok();

    String refused = jar.run("--as", "alice", "send", "--level", "1", "--expires-in", "30m",
        "--to", "x@example.org", Files.writeString(temp.resolve("e.txt"), "e").toString())
        .failed(ExitCode.REFUSED.code());

    assertThat(refused).contains("between 1 hour and 365 days")
        .doesNotContainPattern("\\bP(T|\\d)");
  }

  @Test
  void roomRoleRefusal_namesTheRoleInWords() throws IOException {
    Jar jar = folder();
    jar.run("users", "add", "alice", "--employee").ok();
    jar.run("users", "add", "bob", "--partner").ok();
    jar.env("SECUPASS_NEW_PASS", ALICE).run("--as", "alice", "activate").ok();
    jar.env("SECUPASS_NEW_PASS", BOB).run("--as", "bob", "activate").ok();
    // Alice compares Bob's fingerprint first, as the default first-contact policy asks.
    jar.env("SECUPASS_PASS", ALICE).run("--as", "alice", "verify", "bob",
        SilentSurprisesIT.fingerprint(jar.run("--as", "bob", "fingerprint").ok())).ok();
    jar.env("SECUPASS_PASS", ALICE).run("--as", "alice", "rooms", "create", "Plans").ok();
    jar.run("--as", "alice", "rooms", "invite", "Plans", "bob", "--role", "viewer").ok();

    String refused = jar.env("SECUPASS_PASS", BOB).run("--as", "bob", "rooms", "upload", "Plans",
        Files.writeString(temp.resolve("n.txt"), "n").toString()).failed(
            ExitCode.REFUSED.code());

    assertThat(refused).contains("bob is a viewer").doesNotContain("VIEWER");
  }

  @Test
  void downloadIntoAFolderWithoutPermission_namesThatFolder() throws IOException {
    Jar jar = folder();
    jar.run("users", "add", "alice", "--employee").ok();
    jar.run("users", "add", "bob", "--partner").ok();
    String id = SilentSurprisesIT.deliveryId(jar.run("--as", "alice", "send", "--level", "2",
        "--to", "bob", Files.writeString(temp.resolve("r.txt"), "report").toString()).ok());

    // /sys refuses new files even to root, as a folder of someone else's refuses them to a user.
    String denied = jar.run("--as", "bob", "download", id, "--out", "/sys")
        .failed(ExitCode.LOCAL_FILE.code());

    assertThat(denied).isEqualTo("error: permission denied: cannot write in /sys")
        .doesNotContain(".part", "Exception");
  }

  @Test
  void aSecondProcessOnTheSameFolder_isToldSo() throws Exception {
    Path folder = temp.resolve("demo");
    Jar jar = new Jar(folder);
    Process demo = jar.start(temp.resolve("demo.log"), "demo", "--dir", folder.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!Files.exists(folder.resolve("users.tsv")) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      CliRun second = jar.run("users", "list");
      if (demo.isAlive()) {
        assertThat(second.failed(ExitCode.BUSY.code()))
            .isEqualTo("error: another secupass process is using this data folder (" + folder
                + "); try again when it has finished");
      }
    } finally {
      demo.destroy();
      demo.waitFor(1, TimeUnit.MINUTES);
    }
  }

  private Jar folder() {
    Jar jar = new Jar(temp.resolve("data"));
    jar.run("init").ok();
    return jar;
  }
}
