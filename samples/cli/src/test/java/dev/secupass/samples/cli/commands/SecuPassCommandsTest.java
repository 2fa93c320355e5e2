package dev.secupass.samples.cli.commands;

import static dev.secupass.samples.cli.testing.People.ALICE_PASS;
import static dev.secupass.samples.cli.testing.People.PAUL_PASS;
import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.People;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activating, unlocking, changing and resetting a SecuPass, and fingerprints, from the app. */
class SecuPassCommandsTest {
  private static final Pattern FINGERPRINT = Pattern.compile("\\d{5}( \\d{5}){7}");

  @TempDir
  Path temp;

  private Cli cli;

  @BeforeEach
  void directory() {
    cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
  }

  @Test
  void activate_fromTheEnvironment_printsTheFingerprint_andWhoamiShowsIt() {
    cli.env("SECUPASS_NEW_PASS", ALICE_PASS);

    String out = cli.run("--as", "alice", "activate").ok();

    assertThat(out).contains("SecuPass activated for alice in ", "Argon2id, 64 KiB, 1 pass");
    String fingerprint = fingerprint(out);
    assertThat(cli.run("--as", "alice", "whoami").ok())
        .contains("alice (employee, user id alice): SecuPass active, fingerprint " + fingerprint);
    assertThat(out).doesNotContain(ALICE_PASS);
  }

  @Test
  void activate_typedTwiceAtTheConsole_activates() {
    cli.type(ALICE_PASS, ALICE_PASS);

    assertThat(cli.run("--as", "alice", "activate").ok()).contains("SecuPass activated");
  }

  @Test
  void activate_atTheConsole_statesTheRuleFirst_andAsksAgainAfterATypo() {
    cli.type(ALICE_PASS, ALICE_PASS + "x", "short", ALICE_PASS, ALICE_PASS);

    assertThat(cli.run("--as", "alice", "activate").ok()).contains("SecuPass activated");

    String question = "a new SecuPass for alice (at least 10 characters, typed twice; it cannot"
        + " be recovered, only reset): ";
    assertThat(cli.questions()).containsExactly(question, "again, to be sure: ",
        "the two entries differ; try again. " + question,
        "a SecuPass must have at least 10 characters; try again. " + question,
        "again, to be sure: ");
  }

  @Test
  void activate_consoleEntriesDifferThreeTimes_isInvalidInput_andNothingIsActivated() {
    cli.type(ALICE_PASS, ALICE_PASS + "x", ALICE_PASS, ALICE_PASS + "y", ALICE_PASS,
        ALICE_PASS + "z");

    String error = cli.run("--as", "alice", "activate").failed(ExitCode.INVALID_INPUT.code());

    assertThat(error).isEqualTo("error: the two entries differ");
    assertThat(cli.run("--as", "alice", "whoami").ok()).contains("no SecuPass yet");
  }

  @Test
  void activate_fromAFile_readsItsFirstLine() throws Exception {
    Path file = Files.writeString(temp.resolve("new-pass"), ALICE_PASS + "\nignored\n");

    cli.run("--as", "alice", "activate", "--new-pass-file", file.toString()).ok();

    assertThat(cli.run("--as", "alice", "unlock", "--pass-file", file.toString()).ok())
        .contains("unlocked alice's SecuPass");
  }

  @Test
  void activate_tooShort_isInvalidInput() {
    cli.env("SECUPASS_NEW_PASS", "short");

    String error = cli.run("--as", "alice", "activate").failed(ExitCode.INVALID_INPUT.code());

    assertThat(error).contains("at least 10 characters");
  }

  @Test
  void activate_twice_isConflict() {
    People.activate(cli, "alice", ALICE_PASS);
    cli.env("SECUPASS_NEW_PASS", ALICE_PASS);

    cli.run("--as", "alice", "activate").failed(ExitCode.CONFLICT.code());
  }

  @Test
  void activate_withoutConsoleOrEnvironment_isNoSecret_namingTheWays() {
    String error = cli.run("--as", "alice", "activate").failed(ExitCode.NO_SECRET.code());

    assertThat(error).isEqualTo("error: no console to ask for a new SecuPass for alice: set"
        + " SECUPASS_NEW_PASS or give --new-pass-file FILE");
  }

  @Test
  void unlock_wrongSecuPass_isWrongSecuPass() {
    People.activate(cli, "alice", ALICE_PASS);

    String error = cli.as("alice", PAUL_PASS, "unlock").failed(ExitCode.ACTION_REQUIRED.code());

    assertThat(error).doesNotContain(PAUL_PASS);
  }

  @Test
  void unlock_withoutSecuPass_isSecuPassRequired_withTheHint() {
    String error = cli.as("alice", ALICE_PASS, "unlock")
        .failed(ExitCode.ACTION_REQUIRED.code());

    assertThat(error).endsWith("(choose one with 'activate')");
  }

  @Test
  void signIn_unknownName_orNobody_isSignIn() {
    cli.run("--as", "bob", "whoami").failed(ExitCode.ACTION_REQUIRED.code());
    cli.run("whoami").failed(ExitCode.ACTION_REQUIRED.code());
  }

  @Test
  void changeSecuPass_keepsTheFingerprint_andOnlyTheNewOneUnlocks() {
    People.activate(cli, "alice", ALICE_PASS);
    String before = fingerprint(cli.run("--as", "alice", "fingerprint").ok());
    String next = "alice's next secupass";
    cli.env("SECUPASS_NEW_PASS", next);

    assertThat(cli.as("alice", ALICE_PASS, "change-secupass").ok())
        .contains("keys and fingerprint unchanged");

    cli.as("alice", ALICE_PASS, "unlock").failed(ExitCode.ACTION_REQUIRED.code());
    cli.as("alice", next, "unlock").ok();
    assertThat(fingerprint(cli.run("--as", "alice", "fingerprint").ok())).isEqualTo(before);
  }

  @Test
  void resetSecuPass_withoutYes_explainsAndChangesNothing() {
    People.activate(cli, "alice", ALICE_PASS);

    String error = cli.run("--as", "alice", "reset-secupass").failed(ExitCode.USAGE.code());

    assertThat(error).contains("give --yes to go ahead");
    cli.as("alice", ALICE_PASS, "unlock").ok();
  }

  @Test
  void resetSecuPass_makesNewKeys_soFingerprintChanges_andPeersSeeTheChange() {
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    People.verify(cli, "alice", ALICE_PASS, "paul");
    Path file = writeFile("note.txt", "hello");
    cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", "paul", file.toString()).ok();
    String before = fingerprint(cli.run("--as", "paul", "fingerprint").ok());
    String next = "paul's new secupass";
    cli.env("SECUPASS_NEW_PASS", next);

    String out = cli.run("--as", "paul", "reset-secupass", "--yes").ok();

    String after = fingerprint(out);
    assertThat(after).isNotEqualTo(before);
    assertThat(out).contains("senders and room managers were asked to grant you access again");
    assertThat(cli.as("alice", ALICE_PASS, "fingerprint", "paul").ok())
        .contains("paul's fingerprint as stored: " + after, "CHANGED: you pinned " + before);
  }

  @Test
  void fingerprint_ofAPeer_beforeAndAfterFirstUse_andComparedWithWhatTheyRead() {
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    String paul = fingerprint(cli.run("--as", "paul", "fingerprint").ok());
    String alice = fingerprint(cli.run("--as", "alice", "fingerprint").ok());

    assertThat(cli.as("alice", ALICE_PASS, "fingerprint", "paul", "--expect", paul).ok())
        .contains("paul's fingerprint as stored: " + paul, "matches what paul read to you",
            "not pinned yet");
    // A first send to keys alice never verified wraps nothing and pins nothing.
    String id = sentId(cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", "paul",
        writeFile("a.txt", "a").toString()).ok());
    assertThat(cli.as("alice", ALICE_PASS, "fingerprint", "paul").ok()).contains("not pinned yet");
    cli.as("alice", ALICE_PASS, "verify", "paul", paul).ok();
    assertThat(cli.as("alice", ALICE_PASS, "fingerprint", "paul").ok())
        .contains("verified: you compared this fingerprint with paul");
    // Paul reads what alice signed: that pins her keys on first use, on his side.
    cli.as("paul", PAUL_PASS, "open", id).ok();
    assertThat(cli.as("paul", PAUL_PASS, "fingerprint", "alice").ok())
        .contains("alice's fingerprint as stored: " + alice,
            "pinned on first use, not verified").doesNotContain("verified: you compared");
    CliRun differs = cli.as("alice", ALICE_PASS, "fingerprint", "paul", "--expect",
        "11111 22222 33333 44444 55555 66666 77777 88888");
    assertThat(differs.failed(ExitCode.INTEGRITY.code()))
        .contains("differs from the stored one: do not verify");
  }

  @Test
  void verify_afterAReset_pinsTheNewKey_andReleasesWhatWaited() {
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    People.verify(cli, "alice", ALICE_PASS, "paul");
    String id = sentId(cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", "paul",
        writeFile("a.txt", "for paul").toString()).ok());
    cli.env("SECUPASS_NEW_PASS", "paul's new secupass");
    String after = fingerprint(cli.run("--as", "paul", "reset-secupass", "--yes").ok());

    assertThat(cli.run("--as", "alice", "grants").ok())
        .contains("paul reset their SecuPass: compare fingerprints with paul, then 'verify paul"
            + " DIGITS' releases it")
        .doesNotContain("your next unlock");
    String unlocked = cli.as("alice", ALICE_PASS, "unlock").ok();
    assertThat(unlocked).containsOnlyOnce("paul's keys changed since you pinned them")
        .contains("held back for paul (delivery " + id + ")");
    cli.as("alice", ALICE_PASS, "verify", "paul", "11111 22222 33333 44444 55555 66666 77777 88888")
        .failed(ExitCode.ACTION_REQUIRED.code());
    assertThat(cli.as("alice", ALICE_PASS, "verify", "paul", after).ok())
        .contains("verified and pinned paul's fingerprint " + after, "released delivery " + id + " to paul");
    assertThat(cli.as("paul", "paul's new secupass", "open", id).ok()).contains("file: a.txt");
    assertThat(cli.transcript()).doesNotContain(ALICE_PASS, PAUL_PASS, "paul's new secupass");
  }

  private Path writeFile(String name, String content) {
    try {
      return Files.writeString(temp.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fingerprint(String out) {
    Matcher matcher = FINGERPRINT.matcher(out);
    assertThat(matcher.find()).as("a fingerprint in: %s", out).isTrue();
    return matcher.group();
  }
}
