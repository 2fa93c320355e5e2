package dev.secupass.samples.web;

import static dev.secupass.samples.web.testing.BrowserSteps.chooseInBrowser;
import static dev.secupass.samples.web.testing.BrowserSteps.enterInBrowser;
import static dev.secupass.samples.web.testing.BrowserSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.UserId;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.relay.ClientSeenCheckpoint;
import dev.secupass.samples.web.testing.Browser;
import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The key log's self-monitoring in the page (docs/web-sample.md, "The key log in the page"), in
 * headless Chromium: after the page's own dialog chose or unlocked the SecuPass, the page reads the
 * log for its user, publishes the checkpoint it relied on as the user's signed statement, and shows
 * keys it did not make in a banner.
 */
class BrowserKeyLogTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String PAUL = "paul's secupass for the key log";
  private static final String OPERATOR = "the operator's secupass for paul";

  @TempDir Path folder;
  WebFixture web;
  Browser paul;

  @BeforeAll
  static void chromiumIsInstalled() {
    Browser.requireChromium();
  }

  @BeforeEach
  void start() throws IOException {
    web = new WebFixture(folder.resolve("data"));
    paul = new Browser("keylog-paul", web.origin(), folder, SCREENSHOTS);
  }

  @AfterEach
  void stop() {
    try {
      paul.close();
    } finally {
      web.close();
    }
  }

  @Test
  @DisplayName("In the browser: Paul chooses his SecuPass in the page and unlocks it again: no"
      + " alarm, and the checkpoint his page relied on is published as his signed statement; then"
      + " the operator makes new keys for him on the server (logged, as a substituted key would"
      + " be), and his page says so at his next unlock")
  void ownKeys_monitoredAtUnlock_checkpointPublished_substitutedKeyShown() {
    UserId user = web.directory().byName("paul").orElseThrow().id();
    signIn(paul, "paul", "paul-password");

    // Chosen in the page: the log holds his one entry; the page publishes what it relied on.
    paul.go("/settings");
    paul.click(By.id("choose-secupass"));
    chooseInBrowser(paul, PAUL);
    paul.see(By.id("safety-words"));
    assertThat(paul.driver().findElements(By.id("key-log-alarm"))).isEmpty();
    ClientSeenCheckpoint first = web.sdk().relay().keyLogCheckpointOf(user, 0).orElseThrow();
    assertThat(noteIn(first)).as("the statement names the host's checkpoint of the log")
        .contains(checkpointText(user));

    // Locked and unlocked again in the page: still no alarm, published again.
    paul.click(By.id("client-lock"));
    paul.waitForText("SecuPass locked");
    paul.go("/settings");
    paul.click(By.id("unlock-secupass"));
    enterInBrowser(paul, PAUL);
    paul.see(By.id("safety-words"));
    assertThat(paul.driver().findElements(By.id("key-log-alarm"))).isEmpty();
    ClientSeenCheckpoint second = web.sdk().relay().keyLogCheckpointOf(user, 0).orElseThrow();
    assertThat(second).as("a new statement (a later time)").isNotEqualTo(first);
    assertThat(web.secrets().recordedBytes("POST", "/api/key-log/checkpoint")).isGreaterThan(0);

    // The attack: new keys for Paul that his page did not make, logged by the server.
    try (SecuPass other = SecuPass.of(OPERATOR)) {
      web.sdk().secuPass().reset(user, other).close();
    }
    paul.go("/settings");
    paul.click(By.id("unlock-secupass"));
    paul.see(By.id("client-secupass-dialog"));
    String alarm = paul.see(By.id("key-log-alarm")).getText();
    paul.screenshot("key-log-foreign-key");
    assertThat(alarm).contains("Check your SecuPass keys",
        "keys under your name that your SecuPass did not make");
    assertThat(paul.see(By.cssSelector("#key-log-alarm p")).getAttribute("data-kind"))
        .isEqualTo("FOREIGN_KEY");
    // It stays until dismissed, on the next page too.
    paul.go("/settings");
    paul.see(By.id("key-log-alarm"));
    paul.click(By.id("key-log-alarm-dismiss"));
    assertThat(paul.driver().findElements(By.id("key-log-alarm"))).isEmpty();

    assertThat(web.secrets().find(Needle.text("Paul's SecuPass", PAUL)).all())
        .as("the SecuPass in a request, a row or a data file").isEmpty();
  }

  /** The origin, size and root lines of the host's current checkpoint. */
  private String checkpointText(UserId user) {
    String[] note = web.sdk().relay().keyLogEntries(user, 0, 0).checkpoint().split("\n");
    return note[0] + "\n" + note[1] + "\n" + note[2] + "\n";
  }

  private static String noteIn(ClientSeenCheckpoint published) {
    return new String(published.statement(), StandardCharsets.ISO_8859_1);
  }
}
