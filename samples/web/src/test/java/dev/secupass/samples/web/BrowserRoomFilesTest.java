package dev.secupass.samples.web;

import static dev.secupass.samples.web.testing.BrowserSteps.enterInPageIfAsked;
import static dev.secupass.samples.web.testing.BrowserSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.samples.web.testing.Browser;
import dev.secupass.samples.web.testing.SecretSearch;
import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
import java.io.InputStream;
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
 * A data room's files in the browser (docs/web-sample.md, "Room files in the browser"), in
 * headless Chromium: the room and its members are set up with the SDK (Java clients of Alice and
 * Bob), Alice's page encrypts a file while it uploads in chunks, Bob's page downloads it through
 * the Service Worker, and the Java SDK reads the same file. The room pages open the room in the
 * page too: neither the file's bytes and name nor a SecuPass reached the server in a request or
 * are stored anywhere in clear.
 */
class BrowserRoomFilesTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String ALICE_SECUPASS = "alice's room secupass";
  private static final String BOB_SECUPASS = "bob's room secupass";
  private static final String FILE_NAME = "Quartalszahlen \u00e9t\u00e9 2030.xlsx";

  @TempDir Path folder;
  WebFixture web;
  final List<Browser> browsers = new ArrayList<>();

  @BeforeAll
  static void chromiumIsInstalled() {
    Browser.requireChromium();
  }

  @BeforeEach
  void start() {
    // 1 MiB chunks, so the file goes up in several.
    web = new WebFixture(folder.resolve("data"), settings -> settings.withUploadChunkBytes(1 << 20));
  }

  @AfterEach
  void stop() {
    browsers.forEach(Browser::close);
    web.close();
  }

  @Test
  @DisplayName("A room file encrypted in Alice's page while it uploads in chunks (with the"
      + " percentage and time left), listed with its signed name, downloaded through Bob's Service"
      + " Worker byte for byte and read by the Java SDK; neither its bytes nor its name reached the"
      + " server in a request or a stored row or file")
  void roomFile_upInOnePage_downInAnother_serverSeesNeitherBytesNorName() throws IOException {
    SecuPassSdk sdk = web.sdk();
    UserId alice = web.directory().byName("alice").orElseThrow().id();
    UserId bob = web.directory().byName("bob").orElseThrow().id();
    RoomId room;
    try (SecuPass alicePass = SecuPass.of(ALICE_SECUPASS);
        SecuPassSession aliceSession = sdk.secuPass().activate(alice, alicePass);
        SecuPass bobPass = SecuPass.of(BOB_SECUPASS);
        SecuPassSession bobSession = sdk.secuPass().activate(bob, bobPass)) {
      room = sdk.rooms().create(SignedInUser.employee(alice), aliceSession, "Deal room");
      assertThat(sdk.rooms().addMember(aliceSession, room, bob, PrincipalKind.EMPLOYEE,
          RoomRole.VIEWER)).isEqualTo(MemberAccess.AWAITING_CONFIRMATION);
      PendingGrant grant = sdk.grants().pending(alice, 10).stream()
          .filter(g -> g.forRoom().isPresent()).findFirst().orElseThrow();
      sdk.grants().confirmFirstContact(aliceSession, grant.id(),
          SafetyWords.of(bobSession.fingerprint()));
    }
    byte[] content = new byte[3 * 1024 * 1024 + 1234];
    new Random(17).nextBytes(content);
    Path upload = Files.createDirectories(folder.resolve("uploads")).resolve(FILE_NAME);
    Files.write(upload, content);

    Browser alicePage = browser("room-files-1-alice");
    signIn(alicePage, "alice", "alice-password");
    alicePage.go("/rooms/" + room.value());
    enterInPageIfAsked(alicePage, ALICE_SECUPASS, "#room-title");
    alicePage.see(By.id("room-upload"));
    alicePage.see(By.id("room-files-input")).sendKeys(upload.toString());
    // 3 MiB of ciphertext at 512 KiB/s: long enough to watch the percentage and the time left.
    alicePage.limitUploads(512 * 1024);
    alicePage.click(By.id("upload"));
    enterInPageIfAsked(alicePage, ALICE_SECUPASS, "#upload-progress .progress-text");
    alicePage.waitForText("s left");
    assertThat(alicePage.see(By.cssSelector("#upload-progress .progress-text")).getText())
        .matches("\\d{1,3}% · (\\d+ min )?\\d+ s left");
    alicePage.screenshot("room-file-encrypting-while-it-uploads");
    alicePage.see(By.cssSelector("#room-files a.download"));
    alicePage.limitUploads(0);
    assertThat(alicePage.see(By.cssSelector("#room-files a.download")).getText())
        .isEqualTo(FILE_NAME);

    Browser bobPage = browser("room-files-2-bob");
    signIn(bobPage, "bob", "bob-password");
    bobPage.go("/rooms/" + room.value());
    enterInPageIfAsked(bobPage, BOB_SECUPASS, "#room-title");
    bobPage.click(By.cssSelector("#room-files a.download"));
    assertThat(Files.mismatch(bobPage.downloaded(FILE_NAME), upload)).isEqualTo(-1);
    bobPage.screenshot("room-file-downloaded");

    try (SecuPass bobPass = SecuPass.of(BOB_SECUPASS);
        SecuPassSession bobSession = sdk.secuPass().unlock(bob, bobPass)) {
      RoomItem item = sdk.rooms().list(bobSession, room, null).get(0);
      assertThat(item.name()).isEqualTo(FILE_NAME);
      assertThat(item.signedBy()).contains(alice);
      try (InputStream in = sdk.rooms().download(bobSession, room, item.id())) {
        assertThat(in.readAllBytes()).as("the Java SDK reads what the page wrote")
            .isEqualTo(content);
      }
    }

    List<Needle> secrets = new ArrayList<>(List.of(Needle.text("the file's name", FILE_NAME),
        Needle.text("the file's name without its accents", "Quartalszahlen")));
    for (int at : new int[] {0, 1024 * 1024 - 16, content.length / 2, content.length - 32}) {
      secrets.add(new Needle("the file's bytes at " + at, Arrays.copyOfRange(content, at,
          at + 32)));
    }
    SecretSearch search = web.secrets();
    assertThat(search.recordedBytes("PUT", "/api/uploads/"))
        .as("the recording holds the upload").isGreaterThan(content.length);
    SecretSearch.Findings found = search.find(secrets.toArray(Needle[]::new));
    assertThat(found.all()).as("the file in a request, a row or a data file").isEmpty();
    assertThat(search.find(Needle.text("Alice's SecuPass", ALICE_SECUPASS),
        Needle.text("Bob's SecuPass", BOB_SECUPASS)).all())
        .as("the room pages open the room in the browser: no SecuPass reached the server")
        .isEmpty();
  }

  private Browser browser(String name) throws IOException {
    Browser browser = new Browser(name, web.origin(), folder, SCREENSHOTS);
    browsers.add(browser);
    return browser;
  }


}
