package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.Browser;
import dev.secupass.samples.web.testing.SecretSearch;
import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The seed story in real pages, in headless Chromium: each person has their own browser. The
 * screenshots land in {@code target/screenshots}. At the end no SecuPass or password may appear in
 * an address any browser visited or in the log.
 */
class BrowserStoryTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path LOG = Path.of("target", "web-sample-test.log");
  private static final String ALICE_SECUPASS = "alice's long secupass";
  private static final String GINA_PASSWORD = "gina's password 42";
  private static final String GINA_SECUPASS = "gina's own secupass";
  private static final String PAUL_SECUPASS = "paul's partner secupass";

  @TempDir Path folder;
  WebFixture web;
  final List<Browser> browsers = new ArrayList<>();
  final List<Path> files = new ArrayList<>();

  @BeforeAll
  static void chromiumIsInstalled() {
    Browser.requireChromium();
  }

  @BeforeEach
  void start() {
    web = new WebFixture(folder.resolve("data"));
  }

  @AfterEach
  void stop() throws IOException {
    try {
      for (Browser browser : browsers) {
        for (String url : browser.visited()) {
          assertThat(url).doesNotContain(enc(ALICE_SECUPASS), enc(GINA_PASSWORD),
              enc(GINA_SECUPASS), enc(PAUL_SECUPASS), "password", "secupass=");
        }
      }
      assertThat(LOG).as("the server's log (simpleLogger.logFile in the pom)").exists();
      assertThat(Files.readString(LOG)).doesNotContain(ALICE_SECUPASS, GINA_PASSWORD,
          GINA_SECUPASS, PAUL_SECUPASS, "alice-password", "paul-password");
      neverStored();
    } finally {
      browsers.forEach(Browser::close);
      web.close();
    }
  }

  @Test
  @DisplayName("Level 3 to a new guest: she registers, chooses a SecuPass and waits; Alice is"
      + " told and releases it with her SecuPass; Gina downloads")
  void levelThree_toNewGuest_releasedBySendersSecuPass() throws IOException {
    Path contract = file("contract.pdf", 3 * 1024 * 1024 + 17);
    Browser alice = browser("guest-story-1-alice");
    Browser gina = browser("guest-story-2-gina");

    signIn(alice, "alice", "alice-password");
    compose(alice, "gina@example.org", 3, "Contract", "Please sign by Friday.", contract);
    assertThat(alice.see(By.id("subject")).getCssValue("font-weight"))
        .as("typed text is not bold").isEqualTo("400");
    alice.screenshot("compose-level-3");
    // 3 MiB at 512 KiB/s: long enough to watch the percentage and the time left.
    alice.limitUploads(512 * 1024);
    alice.click(By.id("send"));
    alice.waitForText("s left");
    assertThat(alice.see(By.cssSelector("#upload-progress .progress-text")).getText())
        .matches("\\d{1,2}% · (\\d+ min )?\\d+ s left");
    alice.screenshot("upload-progress");
    alice.see(By.id("secupass-dialog"));
    alice.limitUploads(0);
    assertThat(alice.text()).contains("Choose a SecuPass");
    alice.screenshot("choose-secupass-when-sending");
    chooseSecuPass(alice, ALICE_SECUPASS);
    alice.waitForText("must choose a SecuPass first");
    String delivery = alice.currentUrl().substring(web.origin().length() + "/outbox/".length());
    alice.screenshot("sent-gina-must-choose");
    alice.click(By.cssSelector("form[action='/secupass/lock'] button"));
    alice.waitForText("SecuPass locked");
    alice.go("/outbox/" + delivery);

    gina.go("/mails");
    gina.see(By.cssSelector("article.mail[data-to='gina@example.org']"));
    gina.screenshot("mail-outbox");
    gina.click(By.cssSelector("article.mail[data-to='gina@example.org'] a.mail-link"));
    gina.waitForPath("/guest/welcome");
    gina.type(By.id("username"), "gina");
    gina.type(By.id("password"), GINA_PASSWORD);
    gina.type(By.id("password-confirm"), GINA_PASSWORD);
    gina.screenshot("guest-registers");
    gina.click(By.id("register"));
    gina.waitForPath("/deliveries/" + delivery);
    gina.click(By.id("open"));
    gina.see(By.id("secupass-dialog"));
    gina.screenshot("guest-chooses-secupass");
    chooseSecuPass(gina, GINA_SECUPASS);
    gina.see(By.id("waiting"));
    assertThat(gina.see(By.id("may-close")).getText()).startsWith("You can close this page");
    assertThat(gina.text()).contains("alice has been told");
    gina.screenshot("guest-waits");

    alice.see(By.cssSelector("#notices a.release"));
    assertThat(alice.text()).contains("gina@example.org has chosen a SecuPass");
    alice.screenshot("notice-gina-activated");
    alice.click(By.cssSelector("#notices a.release"));
    alice.see(By.id("secupass-dialog"));
    assertThat(alice.text()).contains("Enter your SecuPass");
    alice.type(By.id("secupass"), ALICE_SECUPASS);
    alice.screenshot("enter-secupass-to-release");
    alice.click(By.id("secupass-submit"));
    // The default first-contact policy: Gina's keys were never verified, so Alice compares the
    // safety words her page shows with the ones Gina reads from hers, and confirms them.
    alice.see(By.id("first-contact"));
    String presented = alice.see(By.id("presented")).getText();
    String ginaReads = gina.see(By.id("safety-words")).getText();
    assertThat(presented).isEqualTo(ginaReads);
    alice.screenshot("compare-safety-words");
    alice.type(By.id("words"), ginaReads);
    alice.click(By.id("confirm"));
    alice.waitForText("can open it");
    alice.screenshot("released");

    gina.see(By.id("files"));
    assertThat(gina.text()).contains("Contract", "Please sign by Friday.", "alice");
    gina.screenshot("guest-opened");
    gina.click(By.cssSelector("#files a.download"));
    assertThat(Files.mismatch(gina.downloaded("contract.pdf"), contract)).isEqualTo(-1);
  }

  @Test
  @DisplayName("Level 4 to a partner who has a SecuPass (no round trip, but held until Alice"
      + " confirms his safety words), then a data room with Paul as member; Bob is asked to"
      + " choose a SecuPass on the data-room page")
  void levelFour_toPartnerWithSecuPass_andDataRoom() throws IOException {
    Path plan = file("plan.bin", 2 * 1024 * 1024 + 5);
    Path minutes = file("minutes.txt", 150_000);
    Browser alice = browser("partner-story-1-alice");
    Browser paul = browser("partner-story-2-paul");

    signIn(paul, "paul", "paul-password");
    paul.go("/settings");
    paul.click(By.id("choose-secupass"));
    paul.see(By.id("secupass-dialog"));
    paul.screenshot("choose-secupass-from-settings");
    chooseSecuPass(paul, PAUL_SECUPASS);
    paul.waitForPath("/settings");
    paul.see(By.id("fingerprint"));
    paul.screenshot("settings-fingerprint");
    paul.click(By.cssSelector("main form[action='/secupass/lock'] button"));
    paul.waitForText("SecuPass locked");

    signIn(alice, "alice", "alice-password");
    compose(alice, "paul", 4, "Top secret plan", "Only for Paul.", plan);
    alice.click(By.id("send"));
    alice.see(By.id("secupass-dialog"));
    chooseSecuPass(alice, ALICE_SECUPASS);
    // The default first-contact policy: Alice never verified Paul's keys, so nothing is wrapped
    // to them until she has compared his safety words with the ones he reads from his page.
    alice.waitForText("keys you never verified");
    String presented = alice.see(By.id("presented")).getText();
    alice.screenshot("sent-level-4-held");

    paul.go("/inbox");
    paul.waitForText("(subject end-to-end encrypted)");
    paul.screenshot("inbox-level-4");
    paul.click(By.cssSelector("#inbox a"));
    paul.click(By.id("open"));
    paul.see(By.id("secupass-dialog"));
    assertThat(paul.text()).contains("Enter your SecuPass");
    paul.type(By.id("secupass"), PAUL_SECUPASS);
    paul.click(By.id("secupass-submit"));
    paul.see(By.id("waiting"));
    String paulReads = paul.see(By.id("safety-words")).getText();
    assertThat(presented).isEqualTo(paulReads);
    paul.screenshot("partner-waits-with-safety-words");

    alice.type(By.id("words"), paulReads);
    alice.click(By.id("confirm"));
    alice.waitForText("can open it");
    alice.screenshot("sent-level-4-released");

    paul.see(By.id("files"));
    assertThat(paul.text()).contains("Top secret plan", "Only for Paul.");
    paul.screenshot("opened-level-4");
    paul.click(By.cssSelector("#files a.download"));
    assertThat(Files.mismatch(paul.downloaded("plan.bin"), plan)).isEqualTo(-1);

    alice.go("/rooms");
    alice.type(By.id("room-name"), "Due diligence");
    alice.click(By.id("create"));
    alice.see(By.id("add-member"));
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("member")))
        .selectByVisibleText("paul");
    alice.click(By.id("add"));
    alice.waitForText("paul was added and can open the room.");
    alice.see(By.id("room-files-input")).sendKeys(minutes.toString());
    alice.click(By.id("upload"));
    alice.see(By.id("room-files"));
    alice.screenshot("room-with-member-and-file");

    paul.go("/rooms");
    paul.click(By.linkText("Due diligence"));
    paul.see(By.id("room-files"));
    paul.screenshot("room-as-member");
    paul.click(By.cssSelector("#room-files a.download"));
    assertThat(Files.mismatch(paul.downloaded("minutes.txt"), minutes)).isEqualTo(-1);

    alice.go(paul.currentUrl().substring(web.origin().length()));
    alice.click(By.cssSelector("#members a.remove[href$='/members/paul/remove']"));
    alice.see(By.id("removal-question"));
    assertThat(alice.text()).contains("Remove paul from \u201cDue diligence\u201d?");
    alice.screenshot("confirm-removal");
    alice.click(By.id("confirm-remove"));
    alice.waitForText("paul was removed");
    alice.screenshot("member-removed");

    paul.click(By.cssSelector("form[action='/sign-out'] button"));
    signIn(paul, "bob", "bob-password");
    paul.go("/rooms");
    paul.see(By.id("secupass-dialog"));
    assertThat(paul.text()).contains("Choose a SecuPass");
    paul.screenshot("bob-choose-secupass-from-rooms");
  }

  @Test
  @DisplayName("Level 3 to a new guest with an access code: shown to Alice once, typed by Gina"
      + " when she registers; Alice's unlock releases it without comparing words")
  void levelThree_toNewGuest_withAccessCode_releasedWithoutSafetyWords() throws IOException {
    Path contract = file("coded.pdf", 200_000);
    Browser alice = browser("code-story-1-alice");
    Browser gina = browser("code-story-2-gina");

    signIn(alice, "alice", "alice-password");
    compose(alice, "gina@example.org", 3, "Contract", "With a code.", contract);
    alice.click(By.id("access-code"));
    alice.screenshot("compose-with-access-code");
    alice.click(By.id("send"));
    alice.see(By.id("secupass-dialog"));
    chooseSecuPass(alice, ALICE_SECUPASS);
    alice.waitForText("Access code for gina@example.org: ");
    java.util.regex.Matcher shown = java.util.regex.Pattern
        .compile("Access code for gina@example.org: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")
        .matcher(alice.see(By.id("flash")).getText());
    assertThat(shown.find()).isTrue();
    String code = shown.group(1);
    alice.screenshot("access-code-shown-once");
    String delivery = alice.currentUrl().substring(web.origin().length() + "/outbox/".length());
    alice.go("/outbox/" + delivery);
    assertThat(alice.text()).as("shown once").doesNotContain(code);
    alice.click(By.cssSelector("form[action='/secupass/lock'] button"));
    alice.waitForText("SecuPass locked");

    gina.go("/mails");
    gina.click(By.cssSelector("article.mail[data-to='gina@example.org'] a.mail-link"));
    gina.waitForPath("/guest/welcome");
    assertThat(gina.text()).as("the mail does not carry the code").doesNotContain(code);
    gina.type(By.id("username"), "gina");
    gina.type(By.id("password"), GINA_PASSWORD);
    gina.type(By.id("password-confirm"), GINA_PASSWORD);
    gina.type(By.id("access-code"), code.toLowerCase(java.util.Locale.ROOT));
    gina.screenshot("guest-registers-with-access-code");
    gina.click(By.id("register"));
    gina.waitForPath("/deliveries/" + delivery);
    gina.click(By.id("open"));
    gina.see(By.id("secupass-dialog"));
    chooseSecuPass(gina, GINA_SECUPASS);
    gina.see(By.id("waiting"));

    // The binding to the code verifies: Alice's unlock releases it, no safety words asked.
    alice.see(By.cssSelector("#notices a.release"));
    alice.click(By.cssSelector("#notices a.release"));
    alice.see(By.id("secupass-dialog"));
    alice.type(By.id("secupass"), ALICE_SECUPASS);
    alice.click(By.id("secupass-submit"));
    // The dialog returns to the delivery once the unlock is done (leaving earlier could cancel
    // the unlock's post).
    alice.waitForPath("/outbox/" + delivery);
    alice.waitForText("can open it");
    assertThat(alice.text()).doesNotContain("Their safety words are");
    alice.screenshot("released-by-access-code");

    gina.see(By.id("files"));
    gina.click(By.cssSelector("#files a.download"));
    assertThat(Files.mismatch(gina.downloaded("coded.pdf"), contract)).isEqualTo(-1);
    assertThat(Files.readString(LOG)).doesNotContain(code)
        .doesNotContain(code.replace("-", ""));
  }

  @Test
  @DisplayName("Level 1: the Sent page shows the link with a copy button; the link opens the"
      + " delivery in another browser without sign-in")
  void levelOne_sentPageShowsTheLinkToCopy() throws IOException {
    Path minutes = file("minutes.txt", 70_000);
    Browser alice = browser("link-story-1-alice");
    Browser someone = browser("link-story-2-someone");

    signIn(alice, "alice", "alice-password");
    compose(alice, "bob", 1, "Minutes", "For anyone with the link.", minutes);
    alice.click(By.id("send"));
    alice.waitForPath("/outbox/");
    String link = alice.see(By.id("share-link")).getAttribute("value");
    assertThat(link).startsWith(web.origin() + "/link/");
    alice.click(By.id("copy-link"));
    alice.waitForText("Copied");
    alice.screenshot("sent-level-1-link-copied");

    someone.go(link.substring(web.origin().length()));
    someone.click(By.id("open"));
    someone.see(By.id("files"));
    someone.click(By.cssSelector("#files a.download"));
    assertThat(Files.mismatch(someone.downloaded("minutes.txt"), minutes)).isEqualTo(-1);
  }

  @Test
  @DisplayName("A data room member whose keys Alice never verified waits: the room page shows"
      + " Paul's safety words, he reads his from Settings, and her confirmation gives him the"
      + " key")
  void roomMember_heldForFirstContact_confirmedBySafetyWords() throws IOException {
    Browser alice = browser("room-confirm-1-alice");
    Browser paul = browser("room-confirm-2-paul");

    signIn(paul, "paul", "paul-password");
    paul.go("/settings");
    paul.click(By.id("choose-secupass"));
    chooseSecuPass(paul, PAUL_SECUPASS);
    paul.waitForPath("/settings");
    String paulReads = paul.see(By.id("safety-words")).getText();
    paul.screenshot("settings-safety-words");

    signIn(alice, "alice", "alice-password");
    alice.go("/rooms");
    chooseSecuPass(alice, ALICE_SECUPASS);
    alice.type(By.id("room-name"), "Board");
    alice.click(By.id("create"));
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("member")))
        .selectByVisibleText("paul");
    alice.click(By.id("add"));
    alice.waitForText("you never verified paul's keys");
    assertThat(alice.see(By.id("members")).getText())
        .contains("waiting for you to confirm their safety words");
    assertThat(alice.see(By.id("presented")).getText()).isEqualTo(paulReads);
    alice.screenshot("room-member-held");

    paul.go("/rooms");
    paul.waitForText("waiting for an owner or manager to grant you the key");
    paul.screenshot("rooms-waiting-for-key");

    alice.type(By.id("words"), paulReads);
    alice.click(By.id("confirm"));
    alice.waitForText("paul has the room key now");
    alice.screenshot("room-member-confirmed");

    paul.go("/rooms");
    paul.click(By.linkText("Board"));
    paul.see(By.id("members"));
    paul.screenshot("room-opened-after-confirmation");
  }

  /**
   * What holds today, with the SDK on the server: the SecuPasses, passwords and files reach it in
   * request bodies, but no table row and no blob file holds them.
   */
  private void neverStored() throws IOException {
    List<Needle> needles = new ArrayList<>(List.of(Needle.text("Alice's SecuPass", ALICE_SECUPASS),
        Needle.text("Gina's password", GINA_PASSWORD),
        Needle.text("Gina's SecuPass", GINA_SECUPASS),
        Needle.text("Paul's SecuPass", PAUL_SECUPASS),
        Needle.text("Alice's password", "alice-password")));
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      needles.add(new Needle(file.getFileName().toString(), java.util.Arrays.copyOfRange(content,
          content.length / 2, content.length / 2 + 64)));
    }
    SecretSearch.Findings found = web.secrets().find(needles.toArray(Needle[]::new));
    for (Needle needle : needles) {
      assertThat(found.places(needle.label())).as(found.toString())
          .doesNotContain(SecretSearch.Place.DATABASE_ROW, SecretSearch.Place.BLOB_FILE);
    }
  }

  private Browser browser(String name) throws IOException {
    Browser browser = new Browser(name, web.origin(), folder, SCREENSHOTS);
    browsers.add(browser);
    return browser;
  }

  private static void signIn(Browser browser, String username, String password) {
    browser.go("/sign-in");
    browser.type(By.id("username"), username);
    browser.type(By.id("password"), password);
    browser.click(By.id("sign-in"));
    browser.see(By.id("signed-in-as"));
  }

  private static void compose(Browser browser, String to, int level, String subject,
      String message, Path file) {
    browser.go("/compose");
    browser.type(By.id("to"), to);
    browser.click(By.id("level-" + level));
    browser.type(By.id("subject"), subject);
    browser.type(By.id("message"), message);
    browser.see(By.id("files")).sendKeys(file.toString());
  }

  private static void chooseSecuPass(Browser browser, String secuPass) {
    browser.type(By.id("secupass"), secuPass);
    browser.type(By.id("secupass-confirm"), secuPass);
    browser.click(By.id("secupass-submit"));
  }

  private Path file(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path file = Files.write(Files.createDirectories(folder.resolve("uploads")).resolve(name),
        bytes);
    files.add(file);
    return file;
  }

  private static String enc(String secret) {
    return java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
  }
}
