package dev.secupass.samples.cli.commands;

import static dev.secupass.samples.cli.testing.People.ALICE_PASS;
import static dev.secupass.samples.cli.testing.People.PAUL_PASS;
import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.People;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sending at levels 1-4 from the app, and what recipients see: inbox, outbox, status, open,
 * download (whole, resumed, with a progress bar), the link, and the refusals' exit codes. One data
 * folder for the class, in which alice (employee) and paul (partner) have SecuPasses; each test
 * sends its own deliveries.
 */
class DeliveryCommandsTest {
  @TempDir
  static Path temp;

  private static Cli cli;

  @BeforeAll
  static void aliceAndPaulWithSecuPasses() {
    cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    // Alice compares Paul's fingerprint once, as the default first-contact policy asks before
    // level 3-4 content reaches keys she never verified.
    People.verify(cli, "alice", ALICE_PASS, "paul");
  }

  @Test
  void send_level2ToPartner_inboxOutboxAndDownload_giveTheSameBytes() throws IOException {
    Path report = file("report.txt", 5000);

    String out = cli.as("alice", ALICE_PASS, "send", "--level", "login", "--to", "paul",
        "--subject", "Quarterly report", "--message", "Numbers inside.", report.toString()).ok();

    String id = sentId(out);
    assertThat(out).contains("at level 2 (login)", "paul: can open it",
        "mail to paul@partner.example: new delivery " + id + " from alice, level 2: \"Quarterly"
            + " report\"");
    assertThat(cli.run("--as", "paul", "inbox").ok())
        .contains(id + "  from alice  level 2 (login)  \"Quarterly report\"  1 file(s)");
    Path folder = temp.resolve("paul-" + id);
    assertThat(cli.run("--as", "paul", "download", id, "--out", folder.toString()).ok())
        .contains("saved " + folder.resolve("report.txt"));
    assertThat(Files.readAllBytes(folder.resolve("report.txt")))
        .isEqualTo(Files.readAllBytes(report));
    assertThat(cli.run("--as", "alice", "outbox").ok())
        .contains(id + "  to paul  level 2 (login)", "1 downloads", "paul: can open it");
  }

  @Test
  void send_level4_hidesTheSubjectInListings_andOpenShowsIt_afterTheSecuPass() throws IOException {
    String id = sentId(cli.as("alice", ALICE_PASS, "send", "--level", "4", "--to", "paul",
        "--subject", "Merger", "--message", "Strictly confidential.",
        file("terms.txt", 300).toString()).ok());

    assertThat(cli.run("--as", "paul", "inbox").ok())
        .contains(id + "  from alice  level 4 (top secret)  (subject end-to-end encrypted)");
    String opened = cli.as("paul", PAUL_PASS, "open", id).ok();
    assertThat(opened).contains("subject: Merger", "message: Strictly confidential.",
        "file: terms.txt (300 B)");
    cli.run("--as", "paul", "open", id).failed(ExitCode.NO_SECRET.code());
  }

  @Test
  void send_level3WithoutTheSecuPass_isWrongSecuPass_andNothingIsSent() throws IOException {
    long before = sentCount();

    cli.as("alice", PAUL_PASS, "send", "--level", "3", "--to", "paul",
        file("x.txt", 10).toString()).failed(ExitCode.ACTION_REQUIRED.code());

    assertThat(sentCount()).isEqualTo(before);
  }

  @Test
  void send_level1_printsTheLink_whichOpensWithoutSignIn_withinItsDownloadLimit()
      throws IOException {
    Path brochure = file("brochure.txt", 2048);
    String out = cli.run("--as", "alice", "send", "--level", "1", "--to", People.GINA,
        "--subject", "Brochure",
        "--download-limit", "1", brochure.toString()).ok();
    String link = link(out);

    Path folder = temp.resolve("link-download");
    assertThat(cli.run("open-link", link, "--out", folder.toString()).ok())
        .contains("subject: Brochure", "saved " + folder.resolve("brochure.txt"));
    assertThat(Files.readAllBytes(folder.resolve("brochure.txt")))
        .isEqualTo(Files.readAllBytes(brochure));
    cli.run("open-link", link, "--list").failed(ExitCode.REFUSED.code());
  }

  @Test
  void openLink_withAnotherToken_isWrongLink_andMalformed_isInvalidInput() throws IOException {
    String out = cli.run("--as", "alice", "send", "--level", "link", "--to", People.GINA,
        file("b.txt", 10).toString()).ok();
    String link = link(out);
    String forged = link.substring(0, link.indexOf('#') + 1) + "A".repeat(43);

    cli.run("open-link", forged, "--list").failed(ExitCode.REFUSED.code());
    cli.run("open-link", "https://portal.example/d/nothing", "--list")
        .failed(ExitCode.INVALID_INPUT.code());
  }

  @Test
  void open_byWhoIsNotARecipient_isNotPermitted_andAnUnknownDelivery_isNotFound()
      throws IOException {
    cli.run("users", "add", "carol", "--employee").ok();
    String id = sentId(cli.run("--as", "alice", "send", "--level", "2", "--to", "paul",
        file("c.txt", 10).toString()).ok());

    cli.run("--as", "carol", "open", id).failed(ExitCode.REFUSED.code());
    cli.run("--as", "paul", "open", "0".repeat(32)).failed(ExitCode.NOT_FOUND.code());
  }

  @Test
  void send_expiryBelowThePolicy_isPolicy() throws IOException {
    String error = cli.run("--as", "alice", "send", "--level", "2", "--to", "paul",
        "--expires-in", "10m",
        file("d.txt", 10).toString()).failed(ExitCode.REFUSED.code());

    assertThat(error).contains("expir");
  }

  @Test
  void download_largeFile_showsProgress_andResumesFromAPartFile() throws IOException {
    Path big = file("big.bin", 3 * 1024 * 1024 + 123);
    String sent = cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", "paul",
        big.toString()).ok();
    String id = sentId(sent);
    Path folder = Files.createDirectories(temp.resolve("resume"));
    byte[] bytes = Files.readAllBytes(big);
    Files.write(folder.resolve("big.bin.part"), Arrays.copyOf(bytes, 1_500_000));

    var run = cli.as("paul", PAUL_PASS, "download", id, "--out", folder.toString(), "--resume");

    assertThat(run.ok()).contains("saved " + folder.resolve("big.bin") + " (3.0 MiB, resumed at"
        + " 1.4 MiB)");
    assertThat(run.err()).contains("decrypting big.bin [", "100% 3.0 MiB");
    assertThat(Files.readAllBytes(folder.resolve("big.bin"))).isEqualTo(bytes);
    assertThat(folder.resolve("big.bin.part")).doesNotExist();
    cli.as("paul", PAUL_PASS, "download", id, "--out", folder.toString())
        .failed(ExitCode.CONFLICT.code());
  }

  @Test
  void send_largeFile_showsTheEncryptionProgress() throws IOException {
    var run = cli.run("--as", "alice", "send", "--level", "2", "--to", "paul",
        file("large.bin", 2 * 1024 * 1024).toString());

    run.ok();
    assertThat(run.err()).contains("encrypting large.bin [", "100% 2.0 MiB");
  }

  @Test
  void status_listsRecipients_andTheAuditTrailOfOpenings() throws IOException {
    String id = sentId(cli.run("--as", "alice", "send", "--level", "2", "--to", "paul",
        file("e.txt", 10).toString()).ok());
    cli.run("--as", "paul", "open", id).ok();

    assertThat(cli.run("--as", "alice", "status", id).ok())
        .contains("paul: can open it", "alice  delivery.send  ok", "paul  delivery.open  ok");
    cli.run("--as", "paul", "status", id).failed(ExitCode.REFUSED.code());
  }

  private static long sentCount() {
    return cli.run("--as", "alice", "outbox").ok().lines()
        .filter(line -> line.contains("  to ")).count();
  }

  private static String link(String out) {
    Matcher matcher = Pattern.compile("(https://portal\\.example/d/\\S+)").matcher(out);
    assertThat(matcher.find()).as("a link in: %s", out).isTrue();
    return matcher.group(1);
  }

  private static Path file(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path folder = Files.createDirectories(temp.resolve("files-" + System.nanoTime()));
    return Files.write(folder.resolve(name), bytes);
  }
}
