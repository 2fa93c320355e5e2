package dev.secupass.samples.cli.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.Jar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar never surprises silently: no data folder is made except by {@code init}, {@code send}
 * without {@code --level} sends at the SDK's default level 3, a fingerprint mismatch fails, a key
 * pinned on first use is not "verified", and after a reset the sender reads one instruction once.
 */
class SilentSurprisesIT {
  private static final String ALICE = "alice jar secupass 1";
  private static final String BOB = "bob jar secupass 22";
  private static final Pattern DELIVERY = Pattern.compile("sent delivery (\\S+)");
  private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: ([0-9 ]+)");

  @TempDir
  Path temp;

  @Test
  void aTypoInData_createsNothing_andSaysHowToMakeAFolder() {
    Jar jar = new Jar(temp.resolve("secupass-dtaa"));

    String error = jar.run("users", "list").failed(ExitCode.SETUP.code());

    assertThat(error).contains("no SecuPass data folder at " + temp.resolve("secupass-dtaa"),
        "'init'");
    assertThat(temp.resolve("secupass-dtaa")).doesNotExist();
    assertThat(jar.run("init").ok()).contains("created the data folder");
    assertThat(jar.run("users", "list").ok()).contains("the directory is empty");
  }

  @Test
  void send_withoutLevel_isLevel3_andPrintsNoLink() throws IOException {
    Jar jar = aliceAndBob();
    aliceVerifiesBob(jar);

    String sent = jar.env("SECUPASS_PASS", ALICE).run("--as", "alice", "send", "--to", "bob",
        file("a.txt").toString()).ok();

    assertThat(sent).contains("at level 3 (secret)").doesNotContain("link", "level 1");
  }

  @Test
  void fingerprint_pinnedOnFirstUse_isNotVerified_andAMismatchFails() throws IOException {
    Jar jar = aliceAndBob();
    String alice = fingerprint(jar.run("--as", "alice", "fingerprint").ok());
    // A first send to keys alice never verified is held: it pins nothing.
    String held = jar.env("SECUPASS_PASS", ALICE).run("--as", "alice", "send", "--to", "bob",
        file("a.txt").toString()).ok();
    assertThat(held).contains("bob: held: you never verified bob's keys");
    assertThat(jar.run("--as", "alice", "fingerprint", "bob").ok()).contains("not pinned yet");
    aliceVerifiesBob(jar);
    // Bob opens what alice signed: that pins her keys on first use, on his side.
    jar.env("SECUPASS_PASS", BOB).run("--as", "bob", "open", deliveryId(held)).ok();

    assertThat(jar.run("--as", "bob", "fingerprint", "alice").ok())
        .contains("pinned on first use, not verified").doesNotContain("verified: you");
    CliRun mismatch = jar.run("--as", "bob", "fingerprint", "alice", "--expect",
        "11111 22222 33333 44444 55555 66666 77777 88888");
    assertThat(mismatch.failed(ExitCode.INTEGRITY.code())).contains("differs");
    jar.run("--as", "bob", "verify", "alice", alice).ok();
    assertThat(jar.run("--as", "bob", "fingerprint", "alice", "--expect", alice).ok())
        .contains("matches what alice read to you", "verified: you compared this fingerprint");
  }

  @Test
  void afterAReset_theSenderReadsOneInstruction_once() throws IOException {
    Jar jar = aliceAndBob();
    aliceVerifiesBob(jar);
    jar.env("SECUPASS_PASS", ALICE);
    for (String name : new String[] {"a.txt", "b.txt", "c.txt"}) {
      jar.run("--as", "alice", "send", "--to", "bob", file(name).toString()).ok();
    }
    String reset = jar.env("SECUPASS_NEW_PASS", "bob's new jar secupass").run("--as", "bob",
        "reset-secupass", "--yes").ok();
    String after = fingerprint(reset);

    String grants = jar.run("--as", "alice", "grants").ok();
    String notices = jar.run("--as", "alice", "notices").ok();
    String unlock = jar.run("--as", "alice", "unlock").ok();

    assertThat(grants + notices).doesNotContain("next unlock", "unlock yours")
        .contains("then 'verify bob DIGITS' releases it");
    assertThat(unlock).containsOnlyOnce("bob's keys changed");
    assertThat(jar.run("--as", "alice", "verify", "bob", after).ok())
        .contains("released delivery");
  }

  private Jar aliceAndBob() {
    Jar jar = new Jar(temp.resolve("data"));
    jar.run("init").ok();
    jar.run("users", "add", "alice", "--employee").ok();
    jar.run("users", "add", "bob", "--partner").ok();
    jar.env("SECUPASS_NEW_PASS", ALICE).run("--as", "alice", "activate").ok();
    jar.env("SECUPASS_NEW_PASS", BOB).run("--as", "bob", "activate").ok();
    return jar.unset("SECUPASS_NEW_PASS");
  }

  /** Alice compares Bob's fingerprint and pins it ('verify'), as before a first send to him. */
  private static void aliceVerifiesBob(Jar jar) {
    jar.env("SECUPASS_PASS", ALICE).run("--as", "alice", "verify", "bob",
        fingerprint(jar.run("--as", "bob", "fingerprint").ok())).ok();
  }

  private Path file(String name) throws IOException {
    return Files.writeString(temp.resolve(name), "content of " + name);
  }

  static String fingerprint(String out) {
    Matcher matcher = FINGERPRINT.matcher(out);
    assertThat(matcher.find()).as(out).isTrue();
    return matcher.group(1).strip();
  }

  static String deliveryId(String out) {
    Matcher matcher = DELIVERY.matcher(out);
    assertThat(matcher.find()).as(out).isTrue();
    return matcher.group(1);
  }
}
