package dev.secupass.samples.cli.commands;

import static dev.secupass.samples.cli.testing.People.ALICE_PASS;
import static dev.secupass.samples.cli.testing.People.PAUL_PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.People;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data rooms from the app: create, list, show, invite, upload, download, remove. */
class RoomCommandsTest {
  @TempDir
  Path temp;

  private Cli cli;
  private String room;

  @BeforeEach
  void aliceCreatesARoom() {
    cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    // Alice compares Paul's fingerprint once: the default first-contact policy holds room keys
    // for members whose keys she never verified.
    People.verify(cli, "alice", ALICE_PASS, "paul");
    String out = cli.as("alice", ALICE_PASS, "rooms", "create", "Due diligence").ok();
    Matcher matcher = Pattern.compile("created room ([0-9a-f]+) \"Due diligence\"").matcher(out);
    assertThat(matcher.find()).isTrue();
    room = matcher.group(1);
  }

  @Test
  void member_invitedUploadedToDownloadsThenRemoved_losesTheRoom_andTheKeyRotates()
      throws Exception {
    assertThat(cli.as("alice", ALICE_PASS, "rooms", "invite", "Due diligence", "paul").ok())
        .contains("added paul to room " + room + " as viewer: the room key was wrapped to them",
            "mail to paul@partner.example: alice added you to room " + room);
    Path report = Files.write(temp.resolve("report.pdf"), new byte[70_000]);
    assertThat(cli.as("alice", ALICE_PASS, "rooms", "upload", room, report.toString()).ok())
        .contains("uploaded report.pdf (68.4 KiB) under key epoch 1");

    assertThat(cli.as("paul", PAUL_PASS, "rooms", "list").ok())
        .contains(room + "  \"Due diligence\"  viewer");
    assertThat(cli.as("paul", PAUL_PASS, "rooms", "show", "Due diligence").ok())
        .contains("member: alice (owner)", "member: paul (viewer)",
            "file: report.pdf (68.4 KiB, epoch 1)");
    Path folder = temp.resolve("paul");
    cli.as("paul", PAUL_PASS, "rooms", "download", room, "--out", folder.toString()).ok();
    assertThat(folder.resolve("report.pdf")).hasSameBinaryContentAs(report);
    cli.as("paul", PAUL_PASS, "rooms", "upload", room, report.toString())
        .failed(ExitCode.REFUSED.code());

    assertThat(cli.as("alice", ALICE_PASS, "rooms", "remove", room, "paul").ok())
        .contains("removed paul from room " + room + "; the room key rotated to epoch 2",
            "mail to paul@partner.example: alice removed you from room " + room);
    cli.as("paul", PAUL_PASS, "rooms", "show", room).failed(ExitCode.NOT_FOUND.code());
    assertThat(cli.as("paul", PAUL_PASS, "rooms", "list").ok()).contains("you are in no rooms");
  }

  @Test
  void invite_someoneWithoutSecuPass_queuesAGrant_releasedOnceTheOwnerConfirmsTheirWords() {
    cli.run("users", "add", "carol", "--employee", "--email", "carol@example.com").ok();

    assertThat(cli.as("alice", ALICE_PASS, "rooms", "invite", room, "carol", "--role", "editor")
        .ok()).contains("they must choose a SecuPass first");
    assertThat(cli.run("--as", "alice", "grants").ok())
        .contains("room " + room + " for carol: waits for carol to choose a SecuPass");
    Matcher words = Pattern.compile("your safety words \\(read them to a sender who asks\\): (.+)")
        .matcher(cli.env("SECUPASS_NEW_PASS", "carol test secupass")
            .run("--as", "carol", "activate").ok());
    cli.unset("SECUPASS_NEW_PASS");
    assertThat(words.find()).isTrue();
    // Carol's first keys were never verified: the owner's unlock holds the room key for her.
    assertThat(cli.as("alice", ALICE_PASS, "unlock").ok())
        .contains("waits for your confirmation: the key of room " + room + " to carol")
        .doesNotContain("gave carol the key");
    cli.as("alice", ALICE_PASS, "confirm", "carol", "abandon", "ability", "able", "about",
        "above", "absent", "absorb", "abstract", "absurd", "abuse", "access", "accident")
        .failed(ExitCode.REFUSED.code());
    assertThat(cli.as("alice", ALICE_PASS, "confirm", "carol", words.group(1).strip()).ok())
        .contains("gave carol the key of room " + room);
    assertThat(cli.as("carol", "carol test secupass", "rooms", "show", room).ok())
        .contains("you are editor");
  }

  @Test
  void invite_aGuest_orAnUnknownRoom_isRefused() {
    cli.as("alice", ALICE_PASS, "send", "--to", People.GINA, "--level", "2",
        write("x.txt").toString()).ok();

    cli.as("alice", ALICE_PASS, "rooms", "invite", room, People.GINA)
        .failed(ExitCode.REFUSED.code());
    cli.as("alice", ALICE_PASS, "rooms", "show", "No such room")
        .failed(ExitCode.NOT_FOUND.code());
    cli.as("alice", ALICE_PASS, "rooms", "invite", room, "paul", "--role", "boss")
        .failed(ExitCode.INVALID_INPUT.code());
  }

  @Test
  void upload_andDownload_showProgress_andDownloadResumesFromAPartFile() throws Exception {
    byte[] bytes = new byte[2_500_000];
    new Random(7).nextBytes(bytes);
    Path big = Files.write(temp.resolve("big.bin"), bytes);
    assertThat(cli.as("alice", ALICE_PASS, "rooms", "upload", room, big.toString()).err())
        .contains("encrypting big.bin [", "100% 2.4 MiB");
    Path folder = Files.createDirectories(temp.resolve("out"));
    Files.write(folder.resolve("big.bin.part"), Arrays.copyOf(bytes, 1_000_000));

    var run = cli.as("alice", ALICE_PASS, "rooms", "download", room, "--file", "big.bin",
        "--out", folder.toString(), "--resume");

    run.ok();
    assertThat(run.err()).contains("100%");
    assertThat(Files.readAllBytes(folder.resolve("big.bin"))).isEqualTo(bytes);
  }

  private Path write(String name) {
    try {
      return Files.writeString(temp.resolve(name), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
