package dev.secupass.samples.web;

import static dev.secupass.samples.web.testing.BrowserSteps.chooseInBrowser;
import static dev.secupass.samples.web.testing.BrowserSteps.compose;
import static dev.secupass.samples.web.testing.BrowserSteps.enterInBrowser;
import static dev.secupass.samples.web.testing.BrowserSteps.privateKeys;
import static dev.secupass.samples.web.testing.BrowserSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.UserId;
import dev.secupass.samples.web.testing.Browser;
import dev.secupass.samples.web.testing.SecretSearch;
import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The settings page and the Sent page in browser mode, in headless Chromium: changing the SecuPass
 * and resetting a forgotten one run in the page, and so does withdrawing a level 3 delivery (its
 * statement signed there). Every request the server received, every row and every data-folder
 * file is searched afterwards for the SecuPasses, the private keys and the file's plaintext.
 */
class BrowserSettingsTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String ALICE_FIRST = "alice's first secupass";
  private static final String ALICE_SECOND = "alice's changed secupass";
  private static final String BOB_FORGOTTEN = "bob's forgotten secupass";
  private static final String BOB_NEW = "bob's secupass after the reset";
  private static final String PAUL = "paul's secupass from settings";
  private static final List<String> SECRETS = List.of(ALICE_FIRST, ALICE_SECOND, BOB_FORGOTTEN,
      BOB_NEW, PAUL);

  @TempDir Path folder;
  WebFixture web;
  final List<Browser> browsers = new ArrayList<>();

  @BeforeAll
  static void chromiumIsInstalled() {
    Browser.requireChromium();
  }

  @BeforeEach
  void start() {
    web = new WebFixture(folder.resolve("data"));
  }

  @AfterEach
  void stop() {
    try {
      for (Browser browser : browsers) {
        for (String url : browser.visited()) {
          for (String secret : SECRETS) {
            assertThat(url).doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
          }
        }
      }
    } finally {
      browsers.forEach(Browser::close);
      web.close();
    }
  }

  @Test
  @DisplayName("In the browser: Alice changes her SecuPass in the settings page (wrong current,"
      + " mismatching and short ones refused there; the old one then refused, the new one"
      + " unlocks), Bob resets his forgotten one there (new keys, new safety words), Alice's"
      + " release to his new keys is held until she confirms his new safety words, and her"
      + " withdrawal of the level-3 delivery is signed in her page and refused to Bob; a level-2"
      + " delivery is withdrawn on the server. No SecuPass, private key or plaintext reached the"
      + " server")
  void changeResetWithdraw_inTheBrowser_serverSeesNoSecuPass() throws IOException {
    Path report = file("report.bin", 300_000);
    Path memo = file("memo.txt", 20_000);
    Browser alice = browser("settings-1-alice");
    Browser bob = browser("settings-2-bob");

    // A level-3 delivery to Bob, who has no SecuPass yet; he chooses one when opening it and
    // Alice releases it after comparing his safety words.
    signIn(alice, "alice", "alice-password");
    compose(alice, "bob", 3, "Quarterly report", "The numbers.", report);
    alice.click(By.id("send"));
    chooseInBrowser(alice, ALICE_FIRST);
    alice.see(By.id("client-sent"));
    String delivery = alice.see(By.id("client-sent")).getAttribute("data-delivery");
    signIn(bob, "bob", "bob-password");
    bob.go("/deliveries/" + delivery);
    bob.click(By.id("open"));
    chooseInBrowser(bob, BOB_FORGOTTEN);
    String bobsFirstWords = bob.see(By.id("safety-words")).getText();
    alice.go("/release");
    alice.see(By.id("first-contact"));
    alice.type(By.id("words"), bobsFirstWords);
    alice.click(By.id("confirm"));
    alice.waitForText("can open it");
    bob.see(By.id("files"));

    // Alice changes her SecuPass in the page; the form's fields have no names, so nothing the
    // browser could post carries a SecuPass.
    alice.go("/settings");
    assertThat(alice.driver().findElements(By.cssSelector("#change-secupass input[name]")))
        .extracting(e -> e.getAttribute("name")).containsOnly("_csrf");
    alice.screenshot("change-secupass-form");
    changeSecuPass(alice, "not alice's secupass", ALICE_SECOND, ALICE_SECOND);
    alice.waitForText("The current SecuPass is wrong. Nothing was changed.");
    changeSecuPass(alice, ALICE_FIRST, ALICE_SECOND, "something else entirely");
    alice.waitForText("The new SecuPass and its repetition differ.");
    changeSecuPass(alice, ALICE_FIRST, "short", "short");
    alice.waitForText("The new SecuPass needs at least");
    alice.screenshot("change-secupass-refused");
    changeSecuPass(alice, ALICE_FIRST, ALICE_SECOND, ALICE_SECOND);
    alice.see(By.id("secupass-changed"));
    alice.screenshot("change-secupass-done");
    alice.click(By.id("client-lock"));
    alice.waitForText("SecuPass locked");
    alice.go("/release");
    alice.see(By.id("client-secupass-dialog"));
    alice.type(By.id("client-secupass"), ALICE_FIRST);
    alice.click(By.id("client-secupass-submit"));
    alice.waitForText("That is not your SecuPass");
    alice.type(By.id("client-secupass"), ALICE_SECOND);
    alice.click(By.id("client-secupass-submit"));
    alice.see(By.id("nothing-waits"));

    // Bob forgot his: a reset in the page makes new keys, kept in his browser.
    bob.go("/settings");
    assertThat(bob.text()).contains("Forgot your SecuPass?", "granted again",
        "new safety words");
    assertThat(bob.driver().findElements(By.cssSelector("#reset-secupass input[name]")))
        .extracting(e -> e.getAttribute("name")).containsOnly("_csrf");
    String oldFingerprint = bob.see(By.id("fingerprint")).getText();
    bob.type(By.id("reset-next"), BOB_NEW);
    bob.type(By.id("reset-confirm"), BOB_NEW);
    bob.click(By.id("reset-understood"));
    bob.screenshot("reset-secupass-form");
    bob.click(By.id("reset-submit"));
    String bobsNewWords = bob.see(By.id("new-safety-words")).getText();
    bob.screenshot("reset-secupass-done");
    assertThat(bobsNewWords).isNotEqualTo(bobsFirstWords);
    assertThat(bob.see(By.id("fingerprint")).getText()).isNotEqualTo(oldFingerprint);
    bob.go("/settings");
    assertThat(bob.see(By.id("fingerprint")).getText()).as("the server has the new keys")
        .isNotEqualTo(oldFingerprint);

    // A delivery Alice sends him now wraps nothing to his new keys: it waits for the release too.
    Path later = file("later.bin", 40_000);
    compose(alice, "bob", 3, "After the reset", "Sent to the new keys.", later);
    alice.click(By.id("send"));
    alice.see(By.id("client-sent"));
    alice.waitForText("keys you never verified");
    String laterDelivery = alice.see(By.id("client-sent")).getAttribute("data-delivery");

    // What the old keys could open is granted again, and Alice's page holds it for his new words.
    alice.go("/release");
    alice.see(By.id("first-contact"));
    assertThat(alice.text()).contains("bob has new keys since you verified them");
    assertThat(alice.see(By.id("presented")).getText()).isEqualTo(bobsNewWords);
    alice.screenshot("release-after-reset-held");
    alice.type(By.id("words"), bobsFirstWords);
    alice.click(By.id("confirm"));
    alice.waitForText("nothing was released");
    alice.type(By.id("words"), bobsNewWords);
    alice.click(By.id("confirm"));
    alice.waitForText("can open it");
    // His new keys are verified now: the next visit releases the other delivery at once.
    alice.go("/release");
    alice.waitForText("Released to bob");
    assertThat(alice.driver().findElements(By.cssSelector(".first-contact"))).isEmpty();
    bob.go("/deliveries/" + laterDelivery);
    bob.click(By.id("open"));
    bob.see(By.id("files"));
    assertThat(bob.text()).contains("After the reset");
    bob.go("/deliveries/" + delivery);
    bob.click(By.id("open"));
    bob.see(By.id("files"));
    assertThat(bob.text()).as("opened with the new keys, kept in his browser")
        .contains("Quarterly report", "The numbers.");

    // Alice withdraws the level-3 delivery: her page signs the withdrawal.
    alice.go("/outbox/" + delivery);
    assertThat(alice.see(By.id("withdraw-delivery")).getAttribute("data-in-browser"))
        .isEqualTo("withdraw");
    alice.click(By.id("withdraw"));
    alice.see(By.id("withdrawn"));
    assertThat(alice.see(By.id("delivery-state")).getText()).isEqualTo("withdrawn");
    alice.screenshot("withdrawn-in-the-browser");
    bob.go("/deliveries/" + delivery);
    assertThat(bob.see(By.id("withdrawn")).getText()).contains("alice withdrew this delivery");
    bob.screenshot("recipient-sees-withdrawn");
    assertThat(web.secrets().recordedBytes("POST", "/api/deliveries/" + delivery + "/withdraw"))
        .as("the signed withdrawal went through the relay route").isGreaterThan(0);

    // A level-2 delivery is withdrawn on the server, which that level allows.
    compose(alice, "bob", 2, "Memo", "For Bob.", memo);
    alice.click(By.id("send"));
    alice.see(By.id("withdraw-delivery"));
    assertThat(alice.see(By.id("withdraw-delivery")).getAttribute("data-in-browser")).isNull();
    String memoPath = alice.currentUrl().substring(alice.currentUrl().indexOf("/outbox/"));
    alice.click(By.id("withdraw"));
    alice.see(By.id("withdrawn"));
    bob.go(memoPath.replace("/outbox/", "/deliveries/"));
    bob.see(By.id("withdrawn"));

    // Nothing secret reached the server: not in a request, a row or a data file.
    List<Needle> needles = new ArrayList<>();
    for (String secret : SECRETS) {
      needles.add(Needle.text("the SecuPass \"" + secret + "\"", secret));
    }
    needles.addAll(privateKeys(web, "Alice", user("alice"), ALICE_SECOND));
    needles.addAll(privateKeys(web, "Bob (new keys)", user("bob"), BOB_NEW));
    byte[] plaintext = Files.readAllBytes(report);
    for (int at : new int[] {0, plaintext.length / 2, plaintext.length - 32}) {
      needles.add(new Needle("the report's bytes at " + at,
          Arrays.copyOfRange(plaintext, at, at + 32)));
    }
    SecretSearch.Findings found = web.secrets().find(needles.toArray(Needle[]::new));
    assertThat(found.all()).as("secrets in a request, a row or a data file").isEmpty();
  }

  @Test
  @DisplayName("In the browser: Paul chooses his SecuPass from Settings in the page's own dialog"
      + " (the page then shows his safety words), locks it, and unlocks it from Settings in the"
      + " page again; neither his SecuPass nor his private keys reached the server")
  void chooseAndUnlock_fromSettings_inThePage() throws IOException {
    Browser paul = browser("settings-3-paul");
    signIn(paul, "paul", "paul-password");
    paul.go("/settings");
    assertThat(paul.driver().findElements(By.id("where"))).as("no banner: it runs here")
        .isEmpty();
    paul.click(By.id("choose-secupass"));
    paul.see(By.id("client-secupass-dialog"));
    paul.screenshot("settings-choose-in-the-page");
    chooseInBrowser(paul, PAUL);
    String words = paul.see(By.id("safety-words")).getText();
    assertThat(words.split(" ")).hasSizeGreaterThan(3);
    assertThat(paul.see(By.id("fingerprint")).getText()).isNotBlank();
    assertThat(paul.driver().findElement(By.id("unlock-secupass")).isDisplayed())
        .as("kept in this browser: nothing to unlock").isFalse();
    paul.screenshot("settings-safety-words");

    paul.click(By.id("client-lock"));
    paul.waitForText("SecuPass locked");
    paul.go("/settings");
    paul.click(By.id("unlock-secupass"));
    enterInBrowser(paul, PAUL);
    assertThat(paul.see(By.id("safety-words")).getText()).isEqualTo(words);

    List<Needle> needles = new ArrayList<>(List.of(Needle.text("Paul's SecuPass", PAUL)));
    needles.addAll(privateKeys(web, "Paul", user("paul"), PAUL));
    assertThat(web.secrets().find(needles.toArray(Needle[]::new)).all())
        .as("secrets in a request, a row or a data file").isEmpty();
    assertThat(web.secrets().recordedBytes("POST", "/api/keys/activate"))
        .as("the page sent Paul's new key record").isGreaterThan(0);
  }

  private UserId user(String name) {
    return web.directory().byName(name).orElseThrow().id();
  }


  private static void changeSecuPass(Browser browser, String current, String next,
      String again) {
    browser.type(By.id("current-secupass"), current);
    browser.type(By.id("next-secupass"), next);
    browser.type(By.id("next-secupass-confirm"), again);
    browser.click(By.id("change-submit"));
  }

  private Browser browser(String name) throws IOException {
    Browser browser = new Browser(name, web.origin(), folder, SCREENSHOTS);
    browsers.add(browser);
    return browser;
  }




  private Path file(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return Files.write(Files.createDirectories(folder.resolve("uploads")).resolve(name), bytes);
  }
}
