package dev.secupass.samples.cli.commands;

import static dev.secupass.samples.cli.testing.People.ALICE_PASS;
import static dev.secupass.samples.cli.testing.People.GINA;
import static dev.secupass.samples.cli.testing.People.GINA_PASS;
import static dev.secupass.samples.cli.testing.People.GINA_PASSWORD;
import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.People;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-contact round trip through the app: alice sends a level-3 delivery to a new guest,
 * who finds the invitation in her mail, registers, signs in, chooses a SecuPass and waits; alice
 * sees the notice and the pending grant, unlocks once, and the guest downloads.
 */
class GuestCommandsTest {
  @TempDir
  Path temp;

  private Cli cli;
  private String delivery;
  private Path contract;

  @BeforeEach
  void aliceSendsToANewGuest() throws Exception {
    cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
    People.activate(cli, "alice", ALICE_PASS);
    contract = Files.writeString(temp.resolve("contract.txt"), "Sign here: ________");
    String out = cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", GINA,
        "--subject", "Contract", contract.toString()).ok();
    assertThat(out).contains(GINA + ": must choose a SecuPass first",
        "mail to " + GINA + ": new delivery", "mail to " + GINA + ": choose a SecuPass to open");
    delivery = sentId(out);
  }

  @Test
  void guest_registersSignsInChoosesSecuPass_waits_thenOpensAfterTheSenderUnlocks()
      throws Exception {
    String link = invitation();
    assertThat(cli.run("guest", "arrive", link).ok()).contains("first visit");
    cli.env("SECUPASS_PASSWORD", GINA_PASSWORD);
    assertThat(cli.run("guest", "register", link, "--username", "gina").ok())
        .contains("registered and signed in as gina (" + GINA + ")");
    assertThat(cli.run("guest", "arrive", link).ok()).contains("already registered");
    cli.run("--guest", "gina", "open", delivery).failed(ExitCode.ACTION_REQUIRED.code());
    cli.env("SECUPASS_NEW_PASS", GINA_PASS);
    String activated = cli.run("--guest", "gina", "activate").ok();
    assertThat(activated)
        .contains("mail to alice@example.com: " + GINA + " has a SecuPass now and waits for"
            + " delivery " + delivery);
    String words = activated.lines()
        .filter(line -> line.startsWith("your safety words (read them to a sender who asks): "))
        .map(line -> line.substring(line.indexOf("): ") + 3)).findFirst().orElseThrow();
    assertThat(words.split(" ")).hasSize(12);
    cli.env("SECUPASS_PASS", GINA_PASS);
    cli.run("--guest", "gina", "open", delivery).failed(ExitCode.REFUSED.code());

    assertThat(cli.run("--as", "alice", "notices").ok())
        .contains(GINA + " has a SecuPass now and waits for delivery " + delivery);
    assertThat(cli.run("--as", "alice", "grants").ok()).contains("delivery " + delivery + " for "
        + GINA + ": " + GINA + " has a SecuPass: your next unlock releases it, or first shows"
        + " their safety words to confirm if you never verified their keys");
    // The default first-contact policy: nothing is released to gina's never-verified keys until
    // alice compares the safety words gina reads to her.
    assertThat(cli.as("alice", ALICE_PASS, "unlock").ok())
        .contains("waits for your confirmation: delivery " + delivery + " to " + GINA,
            "Their safety words: " + words)
        .doesNotContain("released delivery");
    List<String> confirm = new ArrayList<>(List.of("confirm", GINA));
    confirm.addAll(List.of(words.split(" ")));
    assertThat(cli.as("alice", ALICE_PASS, confirm.toArray(String[]::new)).ok())
        .contains("confirmed " + GINA + "'s safety words",
            "released delivery " + delivery + " to " + GINA,
            "mail to " + GINA + ": delivery " + delivery + " from alice is released to you");
    assertThat(cli.run("--as", "alice", "grants").ok()).contains("no pending grants");

    cli.env("SECUPASS_PASS", GINA_PASS);
    Path folder = temp.resolve("gina");
    CliRun download = cli.run("--guest", "gina", "download", delivery, "--out",
        folder.toString());
    assertThat(download.ok()).contains("mail to alice@example.com: " + GINA + " downloaded");
    assertThat(folder.resolve("contract.txt")).hasSameBinaryContentAs(contract);
    for (String secret : People.secrets()) {
      assertThat(cli.transcript()).doesNotContain(secret);
    }
  }

  @Test
  void grants_beforeTheGuestActivates_showTheWait() {
    assertThat(cli.run("--as", "alice", "grants").ok())
        .contains("delivery " + delivery + " for " + GINA + ": waits for " + GINA
            + " to choose a SecuPass");
    assertThat(cli.as("alice", ALICE_PASS, "unlock").ok())
        .contains("1 grant(s) wait for recipients to choose a SecuPass");
  }

  @Test
  void guest_wrongPassword_isSignIn_andHasNoInbox() {
    cli.env("SECUPASS_PASSWORD", GINA_PASSWORD);
    cli.run("guest", "register", invitation(), "--username", "gina").ok();

    cli.env("SECUPASS_PASSWORD", "not gina's password");
    cli.run("--guest", "gina", "whoami").failed(ExitCode.ACTION_REQUIRED.code());
    cli.env("SECUPASS_PASSWORD", GINA_PASSWORD);
    assertThat(cli.run("--guest", "gina", "whoami").ok()).contains(GINA + " (guest");
    cli.run("--guest", "gina", "inbox").failed(ExitCode.REFUSED.code());
    cli.run("--guest", "gina", "send", "--to", "alice", contract.toString())
        .failed(ExitCode.REFUSED.code());
  }

  @Test
  void register_withAForgedInvitation_isWrongLink_andTakenUsername_isConflict() {
    cli.env("SECUPASS_PASSWORD", GINA_PASSWORD);
    cli.run("guest", "register", "A".repeat(43), "--username", "gina")
        .failed(ExitCode.REFUSED.code());
    cli.run("guest", "register", invitation(), "--username", "gina").ok();
    String second = invitationFor(sentId(cli.as("alice", ALICE_PASS, "send", "--level", "2",
        "--to", "other@example.org", contract.toString()).ok()), "other@example.org");

    cli.run("guest", "register", second, "--username", "GINA").failed(ExitCode.CONFLICT.code());
  }

  @Test
  void mail_showsTheInvitationLink_onlyInTheGuestsMailbox() {
    String mail = cli.run("mail", GINA).ok();

    assertThat(mail).contains("To: " + GINA,
        "Open your invitation: https://portal.example/invite#");
    assertThat(cli.run("mail", "alice").ok()).doesNotContain("/invite#");
    cli.run("mail", "nobody@example.org").failed(ExitCode.NOT_FOUND.code());
  }

  private String invitation() {
    return invitationFor(delivery, GINA);
  }

  private String invitationFor(String id, String address) {
    Matcher matcher = Pattern.compile("Open your invitation: (\\S+)\\nReference: delivery "
        + id + "\\n").matcher(cli.run("mail", address).ok());
    assertThat(matcher.find()).as("an invitation to %s", id).isTrue();
    return matcher.group(1);
  }
}
