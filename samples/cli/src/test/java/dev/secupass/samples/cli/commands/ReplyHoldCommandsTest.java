package dev.secupass.samples.cli.commands;

import static dev.secupass.samples.cli.testing.People.ALICE_PASS;
import static dev.secupass.samples.cli.testing.People.PAUL_PASS;
import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.Fingerprint;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.People;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply to someone whose delivery you opened: opening pinned their keys to check the signature,
 * but did not verify them, so the default first-contact policy holds the reply. 'send' and
 * 'outbox' show the hold with the recipient's safety words, and 'confirm' with the words they
 * read releases it.
 */
class ReplyHoldCommandsTest {
  @TempDir
  Path temp;

  @Test
  void replyToASenderYouOnlyRead_isHeldWithTheirSafetyWords_untilConfirmed() throws IOException {
    Cli cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    People.verify(cli, "alice", ALICE_PASS, "paul");
    Path draft = temp.resolve("draft.txt");
    Files.writeString(draft, "the draft", StandardCharsets.UTF_8);
    String incoming = sentId(cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", "paul",
        draft.toString()).ok());
    cli.as("paul", PAUL_PASS, "open", incoming).ok();

    Path comments = temp.resolve("comments.txt");
    Files.writeString(comments, "my comments", StandardCharsets.UTF_8);
    String sent = cli.as("paul", PAUL_PASS, "send", "--level", "3", "--to", "alice",
        comments.toString()).ok();

    String words = aliceReadsHerWords(cli);
    String reply = sentId(sent);
    assertThat(sent).contains("alice: held: you never verified alice's keys. Their safety words: "
        + words);
    assertThat(cli.run("--as", "paul", "outbox").ok())
        .contains("alice: has a SecuPass, but you never verified alice's keys (reading what"
            + " alice sent you does not verify them)", "Their safety words: " + words,
            "'confirm alice WORDS...' releases it");
    assertThat(cli.run("--json", "--as", "paul", "outbox").ok())
        .contains("\"state\":\"awaiting_grant\",\"safety_words\":\"" + words + "\"");
    assertThat(cli.as("paul", PAUL_PASS, "unlock").ok())
        .contains("waits for your confirmation: delivery " + reply + " to alice",
            "Their safety words: " + words);

    List<String> confirm = new ArrayList<>(List.of("confirm", "alice"));
    confirm.addAll(List.of(words.split(" ")));
    assertThat(cli.as("paul", PAUL_PASS, confirm.toArray(String[]::new)).ok())
        .contains("confirmed alice's safety words", "released delivery " + reply + " to alice");
    assertThat(cli.run("--as", "paul", "outbox").ok()).contains("alice: can open it");
  }

  /** The words of alice's own fingerprint, as she reads them to paul. */
  private static String aliceReadsHerWords(Cli cli) {
    Matcher own = Pattern.compile("your fingerprint: ([0-9 ]+)")
        .matcher(cli.run("--as", "alice", "fingerprint").ok());
    assertThat(own.find()).isTrue();
    return SafetyWords.of(Fingerprint.of(own.group(1).strip())).toString();
  }
}
