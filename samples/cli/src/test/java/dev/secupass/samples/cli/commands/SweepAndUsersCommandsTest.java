package dev.secupass.samples.cli.commands;

import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.People;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user directory and the expiry sweep, from the app. */
class SweepAndUsersCommandsTest {
  @TempDir
  Path temp;

  private Cli cli;

  @BeforeEach
  void directory() {
    cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
  }

  @Test
  void sweep_expiresWhatIsPastItsExpiry_deletesItsFiles_andTellsTheSender() throws Exception {
    Path file = Files.writeString(temp.resolve("short.txt"), "short-lived");
    String id = sentId(cli.run("--as", "alice", "send", "--level", "2", "--to", "paul",
        "--expires-in", "1h", file.toString()).ok());
    assertThat(cli.run("sweep").ok()).contains("expired 0 deliveries, deleted 0 files");

    cli.clock().advance(Duration.ofHours(2));

    assertThat(cli.run("sweep").ok()).contains("expired 1 deliveries, deleted 1 files",
        "mail to alice@example.com: delivery " + id + " expired and its files were deleted");
    cli.run("--as", "paul", "download", id, "--out", temp.resolve("late").toString())
        .failed(ExitCode.REFUSED.code());
    assertThat(cli.run("--as", "alice", "outbox").ok()).contains(id, "expired");
  }

  @Test
  void users_addAndList_showKindsAddressesAndSecuPassState() {
    People.activate(cli, "alice", People.ALICE_PASS);

    assertThat(cli.run("users", "list").ok())
        .contains("alice (employee, alice@example.com): SecuPass active, fingerprint ",
            "paul (partner, paul@partner.example): no SecuPass");
  }

  @Test
  void users_add_refusesTakenNamesAndAddresses_andBadNames() {
    cli.run("users", "add", "alice", "--partner").failed(ExitCode.CONFLICT.code());
    cli.run("users", "add", "alicia", "--employee", "--email", "ALICE@example.com")
        .failed(ExitCode.CONFLICT.code());
    cli.run("users", "add", "Not A Name", "--employee").failed(ExitCode.INVALID_INPUT.code());
    cli.run("users", "add", "zoe", "--employee", "--partner").failed(ExitCode.USAGE.code());
    cli.run("users", "add", "zoe", "--employee", "--email", "zoe").failed(
        ExitCode.INVALID_INPUT.code());
  }

  @Test
  void users_directory_isAPlainFileOfTheDataFolder() throws Exception {
    assertThat(Files.readAllLines(cli.data().resolve("users.tsv"))).containsExactly(
        "alice\temployee\talice\talice@example.com",
        "paul\tpartner\tpaul\tpaul@partner.example");
  }
}
