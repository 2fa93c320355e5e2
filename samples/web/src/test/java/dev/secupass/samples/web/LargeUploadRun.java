package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.Browser;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not a unit test: the scripted run of docs/web-sample.md, "Uploads and downloads", started by
 * {@code samples/web/large-upload-run.sh} (it runs only with {@code -Dsecupass.web.largeRunMiB=N}).
 * A file of N MiB goes up through the web sample's pages in headless Chromium at level 3 (Alice
 * encrypts it while it uploads in 8 MiB chunks), Bob chooses a SecuPass in his page, Alice releases
 * it with his safety words, and Bob downloads it through the Service Worker; the download must be
 * the file byte for byte. It prints the times and each browser's renderer peak resident memory
 * (VmHWM of the renderer processes CDP names), and writes them to {@code
 * target/large-upload-run.txt}.
 */
@EnabledIfSystemProperty(named = "secupass.web.largeRunMiB", matches = "\\d+")
class LargeUploadRun {
  private static final Duration LONG = Duration.ofHours(1);

  @TempDir Path folder;

  @Test
  void upAndDown() throws Exception {
    int mebibytes = Integer.parseInt(System.getProperty("secupass.web.largeRunMiB"));
    Path file = folder.resolve("large.bin");
    byte[] original = write(file, mebibytes);
    try (WebFixture web = WebFixture.withoutRecording(folder.resolve("data"));
        Browser alice = new Browser("large-alice", web.origin(), folder, folder.resolve("shots"));
        Browser bob = new Browser("large-bob", web.origin(), folder, folder.resolve("shots"))) {
      signIn(alice, "alice");
      long alicePageLoaded = peakMiB(alice);
      alice.go("/compose");
      alice.type(By.id("to"), "bob");
      alice.click(By.id("level-3"));
      alice.type(By.id("subject"), "large file");
      alice.see(By.id("files")).sendKeys(file.toString());
      alice.click(By.id("send"));
      alice.type(By.id("client-secupass"), "alice's long secupass");
      alice.type(By.id("client-secupass-confirm"), "alice's long secupass");
      long upStart = System.nanoTime();
      alice.click(By.id("client-secupass-submit"));
      long up = waitFor(alice, By.id("client-sent"), upStart);
      long alicePeak = peakMiB(alice);
      String delivery = alice.see(By.id("client-sent")).getAttribute("data-delivery");

      signIn(bob, "bob");
      bob.go("/deliveries/" + delivery);
      long bobPageLoaded = peakMiB(bob);
      bob.click(By.id("open"));
      bob.type(By.id("client-secupass"), "bob's long secupass");
      bob.type(By.id("client-secupass-confirm"), "bob's long secupass");
      bob.click(By.id("client-secupass-submit"));
      String words = bob.see(By.id("safety-words")).getText();
      alice.go("/release");
      alice.see(By.cssSelector("#client-secupass-dialog, #first-contact"));
      if (!alice.driver().findElements(By.id("client-secupass-dialog")).isEmpty()) {
        alice.type(By.id("client-secupass"), "alice's long secupass");
        alice.click(By.id("client-secupass-submit"));
      }
      alice.type(By.id("words"), words);
      alice.click(By.id("confirm"));
      alice.waitForText("can open it");
      bob.see(By.id("files"));
      long downStart = System.nanoTime();
      bob.click(By.cssSelector("#files a.download"));
      Path downloaded = folder.resolve("large-bob-downloads").resolve("large.bin");
      new WebDriverWait(bob.driver(), LONG).until(d -> Files.exists(downloaded)
          && noPartial(downloaded.getParent()));
      long down = (System.nanoTime() - downStart) / 1_000_000;
      long bobPeak = peakMiB(bob);
      assertThat(sha256(downloaded)).as("the download is the file").isEqualTo(original);

      String report = String.format("%d MiB through the web sample in headless Chromium (%s):%n"
          + "  up (encrypted while it uploads, 8 MiB chunks): %.1f s; Alice's renderer peak"
          + " resident memory %d MiB (%d MiB after the page loaded)%n"
          + "  down (Service Worker, ranged, verified): %.1f s; Bob's renderer peak %d MiB (%d MiB"
          + " after the page loaded)%n  load: %s%n", mebibytes, version(alice), up / 1000.0,
          alicePeak, alicePageLoaded, down / 1000.0, bobPeak, bobPageLoaded, uptime());
      Files.writeString(Path.of("target", "large-upload-run.txt"), report);
    }
  }

  /**
   * The same for a data room's file: a room made with the SDK (Alice owner, Bob a viewer granted
   * after her SDK confirmed his safety words), the file encrypted in Alice's page while it uploads
   * into the room, downloaded through Bob's Service Worker.
   */
  @Test
  void roomFileUpAndDown() throws Exception {
    int mebibytes = Integer.parseInt(System.getProperty("secupass.web.largeRunMiB"));
    Path file = folder.resolve("large-room.bin");
    byte[] original = write(file, mebibytes);
    try (WebFixture web = WebFixture.withoutRecording(folder.resolve("data"));
        Browser alice = new Browser("large-room-alice", web.origin(), folder,
            folder.resolve("shots"));
        Browser bob = new Browser("large-room-bob", web.origin(), folder,
            folder.resolve("shots"))) {
      dev.secupass.api.RoomId room = roomOf(web);
      signIn(alice, "alice");
      alice.go("/rooms/" + room.value());
      enterOnTheServer(alice, "alice's long secupass");
      alice.see(By.id("room-upload"));
      long alicePageLoaded = peakMiB(alice);
      alice.see(By.id("room-files-input")).sendKeys(file.toString());
      alice.click(By.id("upload"));
      alice.see(By.id("client-secupass-dialog"));
      alice.type(By.id("client-secupass"), "alice's long secupass");
      long upStart = System.nanoTime();
      alice.click(By.id("client-secupass-submit"));
      long up = waitFor(alice, By.cssSelector("#room-files a.download"), upStart);
      long alicePeak = peakMiB(alice);

      signIn(bob, "bob");
      bob.go("/rooms/" + room.value());
      enterOnTheServer(bob, "bob's long secupass");
      bob.see(By.id("room-files"));
      long bobPageLoaded = peakMiB(bob);
      bob.click(By.cssSelector("#room-files a.download"));
      bob.see(By.id("client-secupass-dialog"));
      bob.type(By.id("client-secupass"), "bob's long secupass");
      long downStart = System.nanoTime();
      bob.click(By.id("client-secupass-submit"));
      Path downloaded = folder.resolve("large-room-bob-downloads").resolve("large-room.bin");
      new WebDriverWait(bob.driver(), LONG).until(d -> Files.exists(downloaded)
          && noPartial(downloaded.getParent()));
      long down = (System.nanoTime() - downStart) / 1_000_000;
      long bobPeak = peakMiB(bob);
      assertThat(sha256(downloaded)).as("the download is the file").isEqualTo(original);

      String report = String.format("%d MiB into a data room through the web sample in headless"
          + " Chromium (%s):%n  up (encrypted in the page while it uploads, 8 MiB chunks): %.1f s;"
          + " Alice's renderer peak resident memory %d MiB (%d MiB after the page loaded)%n"
          + "  down (Service Worker, ranged, verified): %.1f s; Bob's renderer peak %d MiB (%d MiB"
          + " after the page loaded)%n  load: %s%n", mebibytes, version(alice), up / 1000.0,
          alicePeak, alicePageLoaded, down / 1000.0, bobPeak, bobPageLoaded, uptime());
      Files.writeString(Path.of("target", "large-room-file-run.txt"), report);
    }
  }

  /** Alice's room with Bob a viewer, made with the SDK and their SecuPasses. */
  private static dev.secupass.api.RoomId roomOf(WebFixture web) {
    var sdk = web.sdk();
    var alice = web.directory().byName("alice").orElseThrow().id();
    var bob = web.directory().byName("bob").orElseThrow().id();
    try (var alicePass = dev.secupass.core.keys.SecuPass.of("alice's long secupass");
        var aliceSession = sdk.secuPass().activate(alice, alicePass);
        var bobPass = dev.secupass.core.keys.SecuPass.of("bob's long secupass");
        var bobSession = sdk.secuPass().activate(bob, bobPass)) {
      var room = sdk.rooms().create(dev.secupass.core.SignedInUser.employee(alice), aliceSession,
          "Large room");
      sdk.rooms().addMember(aliceSession, room, bob, dev.secupass.api.PrincipalKind.EMPLOYEE,
          dev.secupass.api.RoomRole.VIEWER);
      var grant = sdk.grants().pending(alice, 10).get(0);
      sdk.grants().confirmFirstContact(aliceSession, grant.id(),
          dev.secupass.core.keys.SafetyWords.of(bobSession.fingerprint()));
      return room;
    }
  }

  /** The server's SecuPass dialog: the room page still opens the room on the server. */
  private static void enterOnTheServer(Browser browser, String secuPass) {
    browser.see(By.id("secupass-dialog"));
    browser.type(By.id("secupass"), secuPass);
    browser.click(By.id("secupass-submit"));
  }

  private static void signIn(Browser browser, String name) {
    browser.go("/sign-in");
    browser.type(By.id("username"), name);
    browser.type(By.id("password"), name + "-password");
    browser.click(By.id("sign-in"));
    browser.see(By.id("signed-in-as"));
  }

  private static long waitFor(Browser browser, By what, long start) {
    new WebDriverWait(browser.driver(), LONG).until(d -> !d.findElements(what).isEmpty()
        || !d.findElements(By.id("client-error")).isEmpty());
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * The largest peak resident memory (VmHWM) among the browser's renderer processes, in MiB: the
   * descendants of its browser process ({@code goog:processID}) started with {@code
   * --type=renderer} (CDP's process list answers only on the browser target, which Selenium does
   * not attach to).
   */
  private static long peakMiB(Browser browser) throws IOException {
    long root = ((Number) ((ChromeDriver) browser.driver()).getCapabilities()
        .getCapability("goog:processID")).longValue();
    Map<Long, Long> parents = new HashMap<>();
    try (Stream<Path> all = Files.list(Path.of("/proc"))) {
      for (Path proc : all.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(proc.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          parents.put(Long.parseLong(proc.getFileName().toString()), Long.parseLong(fields[1]));
        } catch (IOException gone) {
          // exited meanwhile
        }
      }
    }
    long peak = 0;
    for (long pid : parents.keySet()) {
      long up = pid;
      while (up > 1 && up != root) {
        up = parents.getOrDefault(up, 0L);
      }
      if (up != root || pid == root) {
        continue;
      }
      try {
        Path proc = Path.of("/proc", String.valueOf(pid));
        if (!Files.readString(proc.resolve("cmdline")).contains("--type=renderer")) {
          continue;
        }
        for (String line : Files.readAllLines(proc.resolve("status"))) {
          if (line.startsWith("VmHWM:")) {
            peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")) / 1024);
          }
        }
      } catch (IOException gone) {
        // exited meanwhile
      }
    }
    return peak;
  }

  private static String version(Browser browser) {
    return "Chromium " + ((ChromeDriver) browser.driver()).getCapabilities().getBrowserVersion();
  }

  private static boolean noPartial(Path folder) {
    try (var files = Files.list(folder)) {
      return files.noneMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String uptime() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return out;
  }

  /** Writes {@code mebibytes} MiB of seeded random bytes; returns their SHA-256. */
  private static byte[] write(Path file, int mebibytes) throws IOException {
    MessageDigest sha = digest();
    byte[] block = new byte[1 << 20];
    Random random = new Random(17);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mebibytes; i++) {
        random.nextBytes(block);
        sha.update(block);
        out.write(block);
      }
    }
    return sha.digest();
  }

  private static byte[] sha256(Path file) throws IOException {
    MessageDigest sha = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return sha.digest();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
