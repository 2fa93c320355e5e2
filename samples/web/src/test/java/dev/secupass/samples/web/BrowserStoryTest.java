package dev.secupass.samples.web;

import static dev.secupass.samples.web.testing.BrowserSteps.chooseInBrowser;
import static dev.secupass.samples.web.testing.BrowserSteps.compose;
import static dev.secupass.samples.web.testing.BrowserSteps.privateKeys;
import static dev.secupass.samples.web.testing.BrowserSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.Browser;
import dev.secupass.samples.web.testing.FailingChunk;
import dev.secupass.samples.web.testing.SecretSearch;
import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.SecretSearch.Place;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
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
 * The seed story in real pages, in headless Chromium: each person has their own browser. The
 * screenshots land in {@code target/screenshots}. At the end no SecuPass or password may appear in
 * an address any browser visited or in the log, and none, nor a file's plaintext, in any table
 * row or data-folder file ({@link SecretSearch}); the stories whose levels 3-4 run in the browser
 * also show that no SecuPass, private key or plaintext reached the server in any request.
 */
class BrowserStoryTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path LOG = Path.of("target", "web-sample-test.log");
  private static final String ALICE_SECUPASS = "alice's long secupass";
  private static final String GINA_PASSWORD = "gina's password 42";
  private static final String GINA_SECUPASS = "gina's own secupass";
  private static final String PAUL_SECUPASS = "paul's partner secupass";
  private static final String BOB_SECUPASS = "bob's room secupass";

  @TempDir Path folder;
  final FailingChunk chunks = new FailingChunk();
  WebFixture web;
  final List<Browser> browsers = new ArrayList<>();
  final List<Path> files = new ArrayList<>();

  @BeforeAll
  static void chromiumIsInstalled() {
    Browser.requireChromium();
  }

  @BeforeEach
  void start() {
    // Uploads in 1 MiB chunks, so the stories' few-MiB files go up in several.
    web = new WebFixture(folder.resolve("data"), settings -> settings.withUploadChunkBytes(1 << 20),
        chunks::install);
  }

  @AfterEach
  void stop() throws IOException {
    try {
      for (Browser browser : browsers) {
        for (String url : browser.visited()) {
          assertThat(url).doesNotContain(enc(ALICE_SECUPASS), enc(GINA_PASSWORD),
              enc(GINA_SECUPASS), enc(PAUL_SECUPASS), enc(BOB_SECUPASS), "password",
              "secupass=");
        }
      }
      assertThat(LOG).as("the server's log (simpleLogger.logFile in the pom)").exists();
      assertThat(Files.readString(LOG)).doesNotContain(ALICE_SECUPASS, GINA_PASSWORD,
          GINA_SECUPASS, PAUL_SECUPASS, BOB_SECUPASS, "alice-password", "paul-password");
      neverStored();
    } finally {
      browsers.forEach(Browser::close);
      web.close();
    }
  }

  @Test
  @DisplayName("Level 3 to a new guest, entirely in the browsers: Alice chooses her SecuPass and"
      + " encrypts in her page, Gina registers, chooses hers in her page and waits; Alice releases"
      + " it from her browser after comparing Gina's safety words; Gina decrypts while it"
      + " downloads. The file goes up in chunks while it is encrypted, resuming after a chunk the"
      + " server fails; the pages show the upload's percentage and time left, and the waiting page"
      + " who sent it and that it can be closed. The server never received a SecuPass, a"
      + " private key or a plaintext byte")
  void levelThree_toNewGuest_inTheBrowser_serverSeesNoSecret() throws IOException {
    Path contract = file("contract.pdf", 3 * 1024 * 1024 + 17);
    String subject = "Contract for Gina";
    String message = "Please sign by Friday.";
    Browser alice = browser("guest-story-1-alice");
    Browser gina = browser("guest-story-2-gina");

    signIn(alice, "alice", "alice-password");
    assertThat(alice.text()).as("the banner says where each level runs")
        .contains("Levels 3 and 4 and data rooms are encrypted and decrypted in this browser");
    compose(alice, "gina@example.org", 3, subject, message, contract);
    assertThat(alice.see(By.id("subject")).getCssValue("font-weight"))
        .as("typed text is not bold").isEqualTo("400");
    alice.screenshot("compose-level-3");
    alice.click(By.id("send"));
    alice.see(By.id("client-secupass-dialog"));
    assertThat(alice.text()).contains("Choose a SecuPass");
    alice.screenshot("choose-secupass-in-the-browser");
    // 3 MiB of ciphertext at 512 KiB/s: long enough to watch the percentage and the time left.
    alice.limitUploads(512 * 1024);
    // Four chunks of 1 MiB; the server answers the second with 503 once, and the page resumes.
    chunks.failOnce(2);
    chooseInBrowser(alice, ALICE_SECUPASS);
    alice.waitForText("s left");
    assertThat(alice.see(By.cssSelector(".progress .progress-text")).getText())
        .matches("\\d{1,3}% · (\\d+ min )?\\d+ s left");
    alice.screenshot("upload-progress-in-the-browser");
    alice.see(By.id("client-sent"));
    alice.limitUploads(0);
    assertThat(chunks.failed()).as("the failed chunk").isEqualTo(1);
    assertThat(chunks.puts()).as("four chunks and the one sent again").isEqualTo(5);
    assertThat(alice.see(By.id("client-sent")).getText())
        .as("the recipients by name").contains("Sent at level 3 to gina@example.org,");
    alice.waitForText("must choose a SecuPass first");
    String delivery = alice.see(By.id("client-sent")).getAttribute("data-delivery");
    alice.screenshot("sent-gina-must-choose");
    // Lock wipes the keys this browser kept; the release asks for the SecuPass again.
    alice.click(By.id("client-lock"));
    alice.waitForText("SecuPass locked");
    alice.go("/outbox/" + delivery);

    gina.go("/mails");
    gina.click(By.cssSelector("article.mail[data-to='gina@example.org'] a.mail-link"));
    gina.waitForPath("/guest/welcome");
    gina.type(By.id("username"), "gina");
    gina.type(By.id("password"), GINA_PASSWORD);
    gina.type(By.id("password-confirm"), GINA_PASSWORD);
    gina.click(By.id("register"));
    gina.waitForPath("/deliveries/" + delivery);
    gina.click(By.id("open"));
    gina.see(By.id("client-secupass-dialog"));
    gina.screenshot("guest-chooses-secupass-in-the-browser");
    chooseInBrowser(gina, GINA_SECUPASS);
    gina.see(By.id("client-waiting"));
    String ginaReads = gina.see(By.id("safety-words")).getText();
    assertThat(gina.see(By.id("may-close")).getText()).startsWith("You can close this page");
    assertThat(gina.text()).contains("alice has been told");
    gina.screenshot("guest-waits-with-safety-words");

    alice.see(By.cssSelector("#notices a.release"));
    assertThat(alice.text()).contains("gina@example.org has chosen a SecuPass");
    alice.click(By.cssSelector("#notices a.release"));
    alice.waitForPath("/release");
    alice.see(By.id("client-secupass-dialog"));
    assertThat(alice.text()).contains("Enter your SecuPass");
    alice.type(By.id("client-secupass"), "not alice's secupass");
    alice.click(By.id("client-secupass-submit"));
    alice.waitForText("That is not your SecuPass");
    alice.type(By.id("client-secupass"), ALICE_SECUPASS);
    alice.click(By.id("client-secupass-submit"));
    // The default first-contact policy, in Alice's browser: Gina's keys were never verified.
    alice.see(By.id("first-contact"));
    assertThat(alice.see(By.id("presented")).getText()).isEqualTo(ginaReads);
    alice.screenshot("compare-safety-words-in-the-browser");
    alice.type(By.id("words"), "abandon ability able about above absent absorb abstract absurd"
        + " abuse access accident");
    alice.click(By.id("confirm"));
    alice.waitForText("nothing was released");
    alice.type(By.id("words"), ginaReads);
    alice.click(By.id("confirm"));
    alice.waitForText("can open it");
    alice.screenshot("released-from-the-browser");

    gina.see(By.id("files"));
    assertThat(gina.text()).contains(subject, message, "alice");
    gina.screenshot("guest-opened-in-the-browser");
    gina.click(By.cssSelector("#files a.download"));
    assertThat(Files.mismatch(gina.downloaded("contract.pdf"), contract)).isEqualTo(-1);

    // What the server received and stored, searched for what must never reach it.
    List<Needle> secrets = new ArrayList<>(List.of(Needle.text("Alice's SecuPass", ALICE_SECUPASS),
        Needle.text("Gina's SecuPass", GINA_SECUPASS)));
    secrets.addAll(privateKeys(web, "Alice", web.directory().byName("alice").orElseThrow().id(),
        ALICE_SECUPASS));
    secrets.addAll(privateKeys(web, "Gina",
        web.directory().byEmail("gina@example.org").orElseThrow().id(), GINA_SECUPASS));
    byte[] plaintext = Files.readAllBytes(contract);
    for (int at : new int[] {0, 1024 * 1024 - 16, plaintext.length / 2, plaintext.length - 32}) {
      secrets.add(new Needle("the file's bytes at " + at,
          Arrays.copyOfRange(plaintext, at, at + 32)));
    }
    SecretSearch search = web.secrets();
    assertThat(search.recordedBytes("PUT", "/api/uploads/"))
        .as("the recording holds the uploads").isGreaterThan(plaintext.length);
    SecretSearch.Findings found = search.find(secrets.toArray(Needle[]::new));
    assertThat(found.all()).as("secrets in a request, a row or a data file").isEmpty();
    // The search finds what is there: level 3 stores the subject and message in clear (the
    // browser sent them base64-encoded in JSON), so they are in the requests and in a row.
    SecretSearch.Findings clear = search.find(Needle.text("subject", subject),
        Needle.text("message", message));
    assertThat(clear.places("subject")).as(clear.toString())
        .contains(Place.REQUEST, Place.DATABASE_ROW);
    assertThat(clear.places("message")).contains(Place.REQUEST, Place.DATABASE_ROW);
  }

  /** What the page keeps in IndexedDB: its user and whether its signing key is extractable. */
  private static String keptInBrowser(Browser browser) {
    return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "const open = indexedDB.open('secupass-web-sample', 1);"
            + "open.onupgradeneeded = () => open.result.createObjectStore('sessions');"
            + "open.onerror = () => done('no database');"
            + "open.onsuccess = () => {"
            + "  const get = open.result.transaction('sessions').objectStore('sessions')"
            + "      .get('current');"
            + "  get.onsuccess = () => done(get.result ? get.result.user + ' extractable='"
            + "      + get.result.kept.signing.extractable : 'nothing kept');"
            + "};"));
  }

  @Test
  @DisplayName("Level 4 to a partner who has a SecuPass (no round trip, but held until Alice"
      + " confirms his safety words), then a data room in the browsers: Alice founds it, adds"
      + " Paul as an editor, Paul's page opens it and shows its name, Alice removes him through"
      + " the confirmation step and her page makes the new epoch's key; Bob, added before he had a"
      + " SecuPass, chooses one on the data-room page, and Alice's page gives him the keys of both"
      + " epochs from the notice once she compared his safety words. The server never received a"
      + " SecuPass, a private key, the room's name or the level-4 subject and message")
  void levelFour_toPartnerWithSecuPass_andDataRoom() throws IOException {
    Path plan = file("plan.bin", 2 * 1024 * 1024 + 5);
    Path minutes = file("minutes.txt", 150_000);
    String roomName = "Due diligence Falcon";
    Browser alice = browser("partner-story-1-alice");
    Browser paul = browser("partner-story-2-paul");

    // Paul chooses his SecuPass on the data-room page, in his browser (rooms run there), then
    // locks it: opening the delivery asks for it again.
    signIn(paul, "paul", "paul-password");
    paul.go("/rooms");
    paul.see(By.id("client-secupass-dialog"));
    assertThat(paul.text()).contains("Choose a SecuPass");
    paul.screenshot("choose-secupass-from-rooms");
    chooseInBrowser(paul, PAUL_SECUPASS);
    paul.see(By.id("no-rooms"));
    paul.click(By.id("client-lock"));
    paul.waitForText("SecuPass locked");

    signIn(alice, "alice", "alice-password");
    compose(alice, "paul", 4, "Top secret plan", "Only for Paul.", plan);
    alice.click(By.id("send"));
    alice.see(By.id("client-secupass-dialog"));
    chooseInBrowser(alice, ALICE_SECUPASS);
    // The default first-contact policy: Alice never verified Paul's keys, so her browser wraps
    // nothing to them until she has compared his safety words with the ones he reads.
    alice.see(By.id("client-sent"));
    alice.waitForText("keys you never verified");
    alice.screenshot("sent-level-4-held");

    paul.go("/inbox");
    paul.waitForText("(subject end-to-end encrypted)");
    paul.screenshot("inbox-level-4");
    paul.click(By.cssSelector("#inbox a"));
    paul.click(By.id("open"));
    paul.see(By.id("client-secupass-dialog"));
    assertThat(paul.text()).contains("Enter your SecuPass");
    paul.type(By.id("client-secupass"), PAUL_SECUPASS);
    paul.click(By.id("client-secupass-submit"));
    paul.see(By.id("client-waiting"));
    String paulReads = paul.see(By.id("safety-words")).getText();
    paul.screenshot("partner-waits-with-safety-words");

    alice.see(By.cssSelector("#notices a.release"));
    alice.click(By.cssSelector("#notices a.release"));
    alice.see(By.id("first-contact"));
    assertThat(alice.see(By.id("presented")).getText()).isEqualTo(paulReads);
    alice.type(By.id("words"), paulReads);
    alice.click(By.id("confirm"));
    alice.waitForText("can open it");
    alice.screenshot("sent-level-4-released");

    paul.see(By.id("files"));
    assertThat(paul.text()).contains("Top secret plan", "Only for Paul.");
    paul.screenshot("opened-level-4");
    paul.click(By.cssSelector("#files a.download"));
    assertThat(Files.mismatch(paul.downloaded("plan.bin"), plan)).isEqualTo(-1);

    // The data room, in the browsers: no page of it says the server sees its plaintext.
    alice.go("/rooms");
    alice.see(By.id("client-rooms"));
    assertThat(alice.driver().findElements(By.id("where"))).as("no banner: it runs here")
        .isEmpty();
    alice.type(By.id("room-name"), roomName);
    alice.click(By.id("create"));
    alice.see(By.id("add-member"));
    alice.waitForText(roomName);
    assertThat(alice.see(By.id("room-title")).getText()).isEqualTo(roomName);
    alice.see(By.id("no-files"));
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("member")))
        .selectByVisibleText("paul");
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("role")))
        .selectByVisibleText("editor");
    alice.click(By.id("add"));
    alice.waitForText("paul was added and can open the room.");
    assertThat(alice.see(By.cssSelector("#members tr[data-member='paul']")).getText())
        .contains("paul", "editor", "granted");
    alice.see(By.id("room-title"));
    // Bob has no SecuPass yet: queued, he gets the key once he chose one.
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("member")))
        .selectByVisibleText("bob");
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("role")))
        .selectByVisibleText("viewer");
    alice.click(By.id("add"));
    alice.waitForText("bob was added; once they choose a SecuPass");
    assertThat(alice.see(By.cssSelector("#members tr[data-member='bob']")).getText())
        .contains("viewer", "waiting for their SecuPass");
    alice.see(By.id("room-title"));
    alice.screenshot("room-with-member");
    String roomPath = alice.currentUrl().substring(web.origin().length());
    // Alice's page encrypts the minutes while they upload (the room's key never leaves it).
    alice.see(By.id("room-files-input")).sendKeys(minutes.toString());
    alice.click(By.id("upload"));
    alice.see(By.cssSelector("#room-files a.download"));
    alice.screenshot("room-with-members-and-file");

    // Paul's page verifies the log, opens his envelope and decrypts the name.
    paul.go("/rooms");
    paul.click(By.linkText(roomName));
    assertThat(paul.see(By.id("room-title")).getText()).isEqualTo(roomName);
    assertThat(paul.see(By.id("members")).getText()).contains("alice", "owner", "paul", "editor",
        "bob", "viewer");
    assertThat(paul.see(By.id("room-epoch")).getText()).isEqualTo("1");
    paul.screenshot("room-as-member");
    paul.click(By.cssSelector("#room-files a.download"));
    // Decrypted in his page by the Service Worker, one segment at a time.
    assertThat(Files.mismatch(paul.downloaded("minutes.txt"), minutes)).isEqualTo(-1);

    alice.click(By.cssSelector("#members a.remove[href$='/members/paul/remove']"));
    alice.see(By.id("removal-question"));
    alice.waitForText("Remove paul from \u201c" + roomName + "\u201d?");
    alice.screenshot("confirm-removal");
    alice.click(By.id("confirm-remove"));
    alice.waitForText("paul was removed");
    alice.see(By.id("room-title"));
    alice.waitForText(roomName);
    assertThat(alice.see(By.id("room-epoch")).getText()).as("the new epoch").isEqualTo("2");
    assertThat(alice.see(By.id("members")).getText()).doesNotContain("paul");
    alice.screenshot("member-removed");
    // The relay refuses Paul the room; the server stored his removal and Alice's new key only.
    paul.go("/rooms");
    paul.see(By.id("no-rooms"));
    paul.go(roomPath);
    assertThat(paul.text()).doesNotContain(roomName);
    assertThat(web.sdk().relay().room(signedIn("alice"), roomId(roomPath)).envelopes())
        .as("Alice's envelopes of epochs 1 and 2").hasSize(2);

    paul.click(By.cssSelector("form[action='/sign-out'] button"));
    Browser bob = paul;
    signIn(bob, "bob", "bob-password");
    bob.go("/rooms");
    bob.see(By.id("client-secupass-dialog"));
    assertThat(bob.text()).contains("Choose a SecuPass");
    bob.screenshot("bob-choose-secupass-from-rooms");
    chooseInBrowser(bob, BOB_SECUPASS);
    bob.waitForText("waiting for an owner or manager to grant you the key");
    String bobReads = bob.see(By.id("safety-words")).getText();

    // Alice's notice leads to the room, where her page holds Bob's first contact for his words,
    // then wraps both epochs' keys to him (the removal left him a grant for the new one).
    alice.see(By.cssSelector("#notices a.release"));
    assertThat(alice.see(By.id("notices")).getText()).contains("bob has chosen a SecuPass");
    alice.click(By.cssSelector("#notices a.release"));
    alice.see(By.id("first-contact"));
    assertThat(alice.see(By.id("presented")).getText()).isEqualTo(bobReads);
    alice.type(By.id("words"), bobReads);
    alice.click(By.id("confirm"));
    alice.waitForText("bob has the room key now");
    bob.go("/rooms");
    bob.click(By.linkText(roomName));
    assertThat(bob.see(By.id("room-title")).getText()).isEqualTo(roomName);
    assertThat(bob.see(By.id("room-epoch")).getText()).isEqualTo("2");
    bob.screenshot("bob-opens-the-room-at-epoch-2");

    // Nothing the room or the level-4 delivery keeps from the server reached it.
    List<Needle> secrets = new ArrayList<>(List.of(Needle.text("Alice's SecuPass", ALICE_SECUPASS),
        Needle.text("Paul's SecuPass", PAUL_SECUPASS), Needle.text("the room's name", roomName),
        Needle.text("the level-4 subject", "Top secret plan"),
        Needle.text("the level-4 message", "Only for Paul.")));
    secrets.add(new Needle("bytes of the room's file",
        java.util.Arrays.copyOfRange(Files.readAllBytes(minutes), 1000, 1064)));
    secrets.addAll(privateKeys(web, "Alice", web.directory().byName("alice").orElseThrow().id(),
        ALICE_SECUPASS));
    secrets.addAll(privateKeys(web, "Paul", web.directory().byName("paul").orElseThrow().id(),
        PAUL_SECUPASS));
    secrets.add(Needle.text("Bob's SecuPass", BOB_SECUPASS));
    secrets.addAll(privateKeys(web, "Bob", web.directory().byName("bob").orElseThrow().id(),
        BOB_SECUPASS));
    SecretSearch.Findings found = web.secrets().find(secrets.toArray(Needle[]::new));
    assertThat(found.all()).as("secrets in a request, a row or a data file").isEmpty();
    assertThat(web.secrets().recordedBytes("POST", "/api/rooms"))
        .as("the recording holds the room's requests").isGreaterThan(0);
  }

  @Test
  @DisplayName("Level 4 to a new guest with an access code, in the browsers: made in Alice's page"
      + " and shown once, typed by Gina when she chooses her SecuPass (a wrong code is refused"
      + " there); Alice's release needs no safety words; neither the code nor the level-4 subject,"
      + " message or file name reached the server")
  void levelFour_toNewGuest_withAccessCode_inTheBrowser() throws IOException {
    Path contract = file("coded.pdf", 200_000);
    String subject = "Term sheet for Gina";
    String message = "With a code, top secret.";
    Browser alice = browser("code-story-1-alice");
    Browser gina = browser("code-story-2-gina");

    signIn(alice, "alice", "alice-password");
    compose(alice, "gina@example.org", 4, subject, message, contract);
    alice.click(By.id("access-code"));
    alice.click(By.id("send"));
    alice.see(By.id("client-secupass-dialog"));
    chooseInBrowser(alice, ALICE_SECUPASS);
    alice.see(By.id("client-sent"));
    java.util.regex.Matcher shown = java.util.regex.Pattern
        .compile("Access code for gina@example.org: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")
        .matcher(alice.see(By.id("client-sent")).getText());
    assertThat(shown.find()).isTrue();
    String code = shown.group(1);
    String delivery = alice.see(By.id("client-sent")).getAttribute("data-delivery");
    alice.screenshot("access-code-shown-once-in-the-browser");
    alice.go("/outbox/" + delivery);
    assertThat(alice.text()).as("shown once").doesNotContain(code);

    gina.go("/mails");
    gina.click(By.cssSelector("article.mail[data-to='gina@example.org'] a.mail-link"));
    gina.waitForPath("/guest/welcome");
    assertThat(gina.text()).as("the mail does not carry the code").doesNotContain(code);
    gina.type(By.id("username"), "gina");
    gina.type(By.id("password"), GINA_PASSWORD);
    gina.type(By.id("password-confirm"), GINA_PASSWORD);
    gina.click(By.id("register"));
    gina.waitForPath("/deliveries/" + delivery);
    gina.click(By.id("open"));
    gina.see(By.id("client-access-code"));
    gina.type(By.id("client-access-code"), code.startsWith("2") ? "3" + code.substring(1)
        : "2" + code.substring(1));
    chooseInBrowser(gina, GINA_SECUPASS);
    gina.waitForText("That is not the access code of this delivery");
    gina.type(By.id("client-access-code"), code.toLowerCase(java.util.Locale.ROOT));
    gina.screenshot("guest-types-access-code-in-the-browser");
    chooseInBrowser(gina, GINA_SECUPASS);
    gina.see(By.id("client-waiting"));

    // The binding to the code verifies in Alice's browser: released without safety words.
    alice.see(By.cssSelector("#notices a.release"));
    alice.click(By.cssSelector("#notices a.release"));
    alice.waitForText("can open it");
    assertThat(alice.text()).doesNotContain("never verified");
    alice.screenshot("released-by-access-code-in-the-browser");

    gina.see(By.id("files"));
    assertThat(gina.text()).contains(subject, message, "coded.pdf");
    gina.click(By.cssSelector("#files a.download"));
    assertThat(Files.mismatch(gina.downloaded("coded.pdf"), contract)).isEqualTo(-1);
    // Her unlocked keys are kept in this browser as keys no script can export, until sign-out.
    assertThat(keptInBrowser(gina)).startsWith("guest-").endsWith(" extractable=false");
    gina.click(By.cssSelector("form[action='/sign-out'] button"));
    gina.see(By.id("sign-in"));
    assertThat(keptInBrowser(gina)).isEqualTo("nothing kept");

    SecretSearch.Findings found = web.secrets().find(Needle.text("the access code", code),
        Needle.text("the access code without dashes", code.replace("-", "")),
        Needle.text("the level-4 subject", subject), Needle.text("the level-4 message", message),
        Needle.text("Gina's SecuPass", GINA_SECUPASS), Needle.text("the file name", "coded.pdf"));
    assertThat(found.all()).as("what the server received and stored").isEmpty();
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
    paul.go("/rooms");
    paul.see(By.id("client-secupass-dialog"));
    chooseInBrowser(paul, PAUL_SECUPASS);
    paul.see(By.id("no-rooms"));

    signIn(alice, "alice", "alice-password");
    alice.go("/rooms");
    alice.see(By.id("client-secupass-dialog"));
    alice.screenshot("rooms-choose-secupass");
    chooseInBrowser(alice, ALICE_SECUPASS);
    alice.see(By.id("no-rooms"));
    alice.type(By.id("room-name"), "Board");
    alice.click(By.id("create"));
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("member")))
        .selectByVisibleText("paul");
    new org.openqa.selenium.support.ui.Select(alice.see(By.id("role")))
        .selectByVisibleText("viewer");
    alice.click(By.id("add"));
    alice.waitForText("you never verified paul's keys");
    alice.see(By.id("first-contact"));
    assertThat(alice.see(By.id("members")).getText())
        .contains("viewer", "waiting for you to confirm their safety words");
    String presented = alice.see(By.id("presented")).getText();
    alice.screenshot("room-member-held");

    paul.go("/rooms");
    paul.waitForText("waiting for an owner or manager to grant you the key");
    String paulReads = paul.see(By.id("safety-words")).getText();
    assertThat(presented).isEqualTo(paulReads);
    paul.screenshot("rooms-waiting-for-key");

    alice.type(By.id("words"), "abandon ability able about above absent absorb abstract absurd"
        + " abuse access accident");
    alice.click(By.id("confirm"));
    alice.waitForText("nothing was granted");
    assertThat(web.sdk().relay().pendingRoomGrants(signedIn("alice"), 10))
        .as("the grant still waits").hasSize(1);
    alice.type(By.id("words"), paulReads);
    alice.click(By.id("confirm"));
    alice.waitForText("paul has the room key now");
    alice.screenshot("room-member-confirmed");
    assertThat(web.sdk().relay().pendingRoomGrants(signedIn("alice"), 10)).isEmpty();

    paul.go("/rooms");
    paul.click(By.linkText("Board"));
    paul.see(By.id("members"));
    assertThat(paul.see(By.id("room-title")).getText()).isEqualTo("Board");
    paul.screenshot("room-opened-after-confirmation");
  }

  /**
   * What holds after every story: no SecuPass, password or file plaintext is in a table row or a
   * data-folder file. (The server's own dialog, which only a browser without script uses,
   * receives the SecuPass typed into it and the sign-in forms the passwords; the pages' own
   * dialogs send none: the stories above search the requests too.)
   */
  private void neverStored() throws IOException {
    List<Needle> needles = new ArrayList<>(List.of(Needle.text("Alice's SecuPass", ALICE_SECUPASS),
        Needle.text("Gina's password", GINA_PASSWORD),
        Needle.text("Gina's SecuPass", GINA_SECUPASS),
        Needle.text("Paul's SecuPass", PAUL_SECUPASS),
        Needle.text("Bob's SecuPass", BOB_SECUPASS),
        Needle.text("Alice's password", "alice-password")));
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      needles.add(new Needle(file.getFileName().toString(), Arrays.copyOfRange(content,
          content.length / 2, content.length / 2 + 64)));
    }
    SecretSearch.Findings found = web.secrets().find(needles.toArray(Needle[]::new));
    for (Needle needle : needles) {
      assertThat(found.places(needle.label())).as(found.toString())
          .doesNotContain(Place.DATABASE_ROW, Place.DATA_FILE);
    }
  }

  private Browser browser(String name) throws IOException {
    Browser browser = new Browser(name, web.origin(), folder, SCREENSHOTS);
    browsers.add(browser);
    return browser;
  }



  private dev.secupass.core.SignedInUser signedIn(String name) {
    return web.directory().byName(name).orElseThrow().signedIn();
  }

  private static dev.secupass.api.RoomId roomId(String roomPath) {
    return dev.secupass.api.RoomId.of(roomPath.substring("/rooms/".length()));
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
