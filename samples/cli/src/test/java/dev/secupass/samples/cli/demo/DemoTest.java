package dev.secupass.samples.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo plays the whole seed story on the embedded default and leaves its data to explore. */
class DemoTest {
  /** A link or invitation token: 43 characters of base64url. */
  private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}"
      + "(?![A-Za-z0-9_-])");

  @TempDir
  static Path temp;

  private static Cli cli;
  private static CliRun demo;

  @BeforeAll
  static void playTheDemo() {
    cli = new Cli(temp.resolve("unused"));
    demo = cli.runRaw("demo", "--dir", temp.resolve("demo").toString());
  }

  @Test
  void demo_playsEveryChapter_andExitsZero() {
    String out = demo.ok();

    assertThat(out).contains(
        "1. Alice, an employee, chooses her SecuPass",
        "2. Alice sends a level-3 (secret) delivery to a new guest, gina@example.org",
        "3. Gina's first visit",
        "4. Alice sees the notice and enters her SecuPass once",
        "5. Gina opens the files",
        "6. Level 4 (top secret) to Paul",
        "7. A level-1 link",
        "8. A data room: a member added, then removed");
  }

  @Test
  void demo_guestWaitsUntilTheSenderUnlocks_thenOpensTheSameFile() {
    String out = demo.ok();

    assertThat(out)
        .containsSubsequence(
            "[gina] tries to open the delivery: ", "SecuPass",
            "[gina] chooses a SecuPass",
            "[gina] tries again: ",
            "[mail to alice@example.com]", "gina@example.org has a SecuPass now and waits",
            "[alice] her outbox: gina@example.org has chosen a SecuPass",
            "[alice] her outbox: gina@example.org can open it",
            "[mail to gina@example.org]", "is released to you",
            "[gina] downloads contract.pdf: identical to what was sent",
            "[mail to alice@example.com]", "gina@example.org downloaded 'contract.pdf' of your delivery");
  }

  @Test
  void demo_partnerWithSecuPass_isHeldUntilTheSafetyWordsAreConfirmed_thenOpensLevel4() {
    String out = demo.ok();

    assertThat(out).containsSubsequence(
        "alice never verified his keys, so nothing is wrapped to them yet (1 held for her"
            + " confirmation)",
        "[alice] her screen shows paul's safety words: ",
        "[paul] reads his safety words to alice on a call",
        "the same: nobody swapped paul's keys. she confirms them", "(1 released)",
        "subject not shown: end-to-end encrypted",
        "[paul] downloads offer.pdf: identical to what was sent");
  }

  @Test
  void demo_linkOpensWithoutSignIn_andRoomRemovalRotatesTheKey() {
    String out = demo.ok();

    assertThat(out).containsSubsequence(
        "Anyone with this link can download it: https://portal.example/d/",
        "#<token, not shown>",
        "[anyone with the link] opens it without signing in and downloads brochure.pdf: identical",
        "adds paul as viewer (the room key is wrapped to him at once: she confirmed his keys"
            + " before)",
        "[paul] downloads report.pdf: identical",
        "removes paul: the room key rotates to epoch 2",
        "[paul] tries to open the room again: ");
  }

  @Test
  void demo_speaksInNames_notClassNamesOrIds() {
    String out = demo.ok().replace(temp.toString(), "<folder>");

    assertThat(out).doesNotContainPattern("[A-Z][a-zA-Z]+Exception")
        .doesNotContainPattern("[0-9a-f]{16,}")
        .contains("Subject: alice sent you \"Contract\" (level 3)",
            "Subject: alice shared a data room with you, as viewer");
  }

  @Test
  void demo_saysHowLongActivationTakes_andWhichArgon2Cost() {
    assertThat(demo.ok()).containsPattern("activation took \\d+\\.\\d\\d s with Argon2id, 64 KiB,"
        + " 1 pass, 1 lane, the weak test profile; the default \\(64 MiB, 3 passes\\)");
    assertThat(demo.err()).contains("warning: Argon2id test profile");
  }

  @Test
  void demo_printsNoSecuPassPasswordOrToken() {
    String all = demo.all();

    for (String secret : new String[] {Cast.ALICE_SECUPASS, Cast.PAUL_SECUPASS,
        Cast.GINA_SECUPASS, Cast.GINA_PASSWORD}) {
      assertThat(all).doesNotContain(secret);
    }
    assertThat(TOKEN.matcher(all).find()).as("a 43-character token in the output").isFalse();
  }

  @Test
  void demo_leavesItsDataToExplore_withTheOtherCommands() {
    Path folder = temp.resolve("demo");
    assertThat(demo.ok()).contains("Its data stays in " + folder);
    Cli explore = new Cli(folder);

    assertThat(explore.run("--as", "alice", "outbox").ok())
        .contains("level 1 (link)", "level 4 (top secret)", "level 3 (secret)");
    assertThat(explore.run("users", "list").ok())
        .contains("alice (employee", "paul (partner", "gina@example.org (guest");
    assertThat(Files.exists(folder.resolve("at-rest-key.json"))).isTrue();
  }

  @Test
  void demo_inAFolderThatIsNotEmpty_refusesWithConflict() throws Exception {
    Path used = Files.createDirectories(temp.resolve("used"));
    Files.writeString(used.resolve("something"), "x");

    String error = cli.runRaw("demo", "--dir", used.toString()).failed(ExitCode.CONFLICT.code());

    assertThat(error).contains("the demo needs an empty or new folder");
  }
}
