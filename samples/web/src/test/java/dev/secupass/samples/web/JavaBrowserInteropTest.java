package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.testing.FormatProbe;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.ClientCopy;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.web.testing.Browser;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Issue 17's "a delivery sent from Java opens in the browser and one sent from the browser opens
 * in Java", through the web sample: Alice is a Java endpoint (the sample's SDK with her SecuPass
 * session, suite-2 keys made in Java), Bob chooses his SecuPass in his page (suite-1 keys made in
 * headless Chromium) and opens, downloads and sends through the browser client. Java writes
 * version-2 streams and version-3 manifests (version 2's fields and the key-log checkpoint the
 * sender relied on), so the browser's checks (the signed file-name digest, each segment against
 * the signed digest, the bound checkpoint against its own) run on what it opens; the page writes
 * them too, and Java opens them. A byte flipped in a stored blob, or a file renamed in the
 * database, is refused on either side.
 */
class JavaBrowserInteropTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path LOG = Path.of("target", "web-sample-test.log");
  private static final String ALICE_SECUPASS = "alice's java-side secupass";
  private static final String BOB_SECUPASS = "bob's browser secupass";
  /** Java's and the browser's streams use 1 MiB segments: this is three of them. */
  private static final int MULTI_SEGMENT = 2 * 1024 * 1024 + 4099;

  @TempDir Path folder;
  WebFixture web;
  Browser bob;
  SignedInUser alice;
  SecuPassSession aliceSession;
  DirectoryUser bobUser;

  @BeforeAll
  static void chromiumIsInstalled() {
    Browser.requireChromium();
  }

  @BeforeEach
  void start() throws IOException {
    web = new WebFixture(folder.resolve("data"));
    alice = SignedInUser.employee(web.directory().byName("alice").orElseThrow().id());
    bobUser = web.directory().byName("bob").orElseThrow();
    try (SecuPass secuPass = SecuPass.of(ALICE_SECUPASS)) {
      aliceSession = web.sdk().secuPass().activate(alice.user(), secuPass);
    }
    bob = new Browser("interop-bob", web.origin(), folder, SCREENSHOTS);
  }

  @AfterEach
  void stop() throws IOException {
    try {
      bob.close();
      assertThat(Files.readString(LOG)).as("the server's log")
          .doesNotContain(ALICE_SECUPASS, BOB_SECUPASS);
    } finally {
      try {
        aliceSession.close();
      } finally {
        web.close();
      }
    }
  }

  @Test
  @DisplayName("Java to the browser: level-3 and level-4 deliveries sent by the SDK with Alice's"
      + " suite-2 keys open in Bob's page, whose keys are suite 1 made in the page; names (not"
      + " ASCII), subject, message and every byte of a multi-segment file arrive; a file renamed"
      + " in the database opens nothing, and a blob with one byte flipped stops its download with"
      + " the integrity error and saves no complete file")
  void sentFromJava_opensInTheBrowser() throws IOException {
    Path report = file("Prüfbericht März – Zoë.bin", MULTI_SEGMENT);
    Path notes = file("notes.txt", 3000);
    assertThat(suiteOf(aliceSession.user())).as("Alice's keys, made in Java").isEqualTo(2);
    Set<Path> before = blobFiles();
    DeliveryId three = bobChoosesInBrowserAndOpens(report, notes);
    assertThat(manifestVersion(SignedInUser.employee(bobUser.id()), three))
        .as("Java signs version-3 manifests").isEqualTo(3);
    for (Path blob : newBlobs(before, 2)) {
      assertThat(streamVersion(blob)).as("Java writes version-2 streams").isEqualTo(2);
    }
    assertThat(suiteOf(bobUser.id())).as("Bob's keys, made in his page").isEqualTo(1);
    assertThat(bob.text()).contains("Quarterly report", "Dear Bob,\nsee the numbers.", "alice");
    assertThat(bob.see(By.cssSelector("#files a.download[data-file]")).getText())
        .isEqualTo(report.getFileName().toString());
    bob.screenshot("java-level-3-opened");
    download(bob, report);
    download(bob, notes);

    // Alice confirmed Bob's safety words for the first delivery, so Java wraps the next at once.
    Path plan = file("Plan für Øresund.bin", MULTI_SEGMENT + 1);
    DeliveryId four = sendFromJava(4, "Top secret: Øresund", "Nur für Bob.\nZeile 2 ✓", plan);
    bob.go("/deliveries/" + four.value());
    bob.click(By.id("open"));
    bob.see(By.id("files"));
    assertThat(bob.text()).contains("Top secret: Øresund", "Nur für Bob.\nZeile 2 ✓");
    bob.screenshot("java-level-4-opened");
    download(bob, plan);

    // The server renames a file of a level-3 delivery (its name is stored in clear): the page
    // checks the name against the digest Alice's version-3 manifest signed and opens nothing.
    DeliveryId renamed = sendFromJava(3, "Invoice", "Pay by Monday.", file("Rechnung.pdf", 5000));
    renameStoredFile(renamed, "Rechnung.pdf.exe");
    bob.go("/deliveries/" + renamed.value());
    bob.click(By.id("open"));
    assertThat(bob.see(By.id("client-error")).getText())
        .isEqualTo("a file name of the delivery is not the one its sender signed");
    assertThat(bob.driver().findElements(By.id("files"))).as("nothing opened").isEmpty();
    bob.screenshot("java-renamed-refused");

    Path damaged = file("Beschädigt.bin", MULTI_SEGMENT + 2);
    before = blobFiles();
    DeliveryId tampered = sendFromJava(4, "Tampered", "One byte flipped.", damaged);
    flipByteNearTheEnd(newBlobs(before, 1).get(0));
    bob.go("/deliveries/" + tampered.value());
    bob.click(By.id("open"));
    bob.see(By.id("files"));
    bob.click(By.cssSelector("#files a.download"));
    bob.waitForText("The download stopped");
    String shown = bob.see(By.cssSelector("#files .error")).getText();
    bob.screenshot("java-tampered-refused");
    // The flipped byte is in the tag of the last of three segments: the first two were checked
    // and handed to the download, the third is refused, so the download fails.
    assertThat(shown).isEqualTo(
        "The download stopped: content segment 2 does not match the stream's table");
    assertThat(bob.completedDownload(damaged.getFileName().toString()))
        .as("no partial file saved as complete").isFalse();
  }

  @Test
  @DisplayName("The browser to Java: level-3 and level-4 deliveries Bob sends from his page (keys"
      + " made there) open with the SDK and Alice's SecuPass session: names, subject, message and"
      + " bytes identical (version-2 streams, version-3 manifests, as Java writes); a file renamed in"
      + " the database or a blob with one byte flipped is refused in Java with an integrity error")
  void sentFromTheBrowser_opensInJava() throws IOException {
    // Bob's first contact: he chooses his SecuPass opening a delivery of Alice's (his page pins
    // her keys) and Alice confirms his safety words (her SDK pins his).
    bobChoosesInBrowserAndOpens(file("hello.txt", 100));

    for (int level : new int[] {3, 4}) {
      Path contract = file("Vertrag Nº" + level + " – Straße.bin", MULTI_SEGMENT + level);
      Path small = file("small-" + level + ".txt", 10 + level);
      String subject = "Signed contract Nº" + level;
      String message = "Hier ist er, Alice. (Stufe " + level + ")";
      DeliveryId id = sendFromBrowser(level, subject, message, contract, small);
      assertThat(manifestVersion(alice, id)).as("the page signs version-3 manifests")
          .isEqualTo(3);
      try (OpenedDelivery opened = web.sdk().deliveries().open(alice, aliceSession, id)) {
        assertThat(opened.level()).isEqualTo(SecurityLevel.of(level));
        assertThat(opened.sender()).isEqualTo(bobUser.id());
        assertThat(opened.subject()).isEqualTo(subject);
        assertThat(opened.message()).isEqualTo(message);
        assertThat(opened.files()).extracting(DeliveredFile::name)
            .containsExactlyInAnyOrder(contract.getFileName().toString(),
                small.getFileName().toString());
        for (DeliveredFile f : opened.files()) {
          Path expected = f.name().equals(small.getFileName().toString()) ? small : contract;
          assertThat(f.size()).isEqualTo(Files.size(expected));
          try (InputStream in = opened.read(f.id())) {
            assertThat(in.readAllBytes()).as(f.name()).isEqualTo(Files.readAllBytes(expected));
          }
        }
      }
    }

    // The server renames a file of Bob's level-3 delivery: Java refuses it against the signed
    // name digest.
    DeliveryId renamed = sendFromBrowser(3, "Invoice", "Pay by Monday.", file("Rechnung.pdf", 5000));
    renameStoredFile(renamed, "Rechnung.pdf.exe");
    assertThatThrownBy(() -> web.sdk().deliveries().open(alice, aliceSession, renamed).close())
        .isInstanceOf(IntegrityException.class);

    Path damaged = file("Beschädigt.bin", MULTI_SEGMENT);
    Set<Path> before = blobFiles();
    DeliveryId tampered = sendFromBrowser(3, "Tampered", "One byte flipped.", damaged);
    Path blob = newBlobs(before, 1).get(0);
    assertThat(streamVersion(blob)).as("the page writes version-2 streams").isEqualTo(2);
    flipByteNearTheEnd(blob);
    try (OpenedDelivery opened = web.sdk().deliveries().open(alice, aliceSession, tampered);
        InputStream in = opened.read(opened.files().get(0).id())) {
      assertThatThrownBy(in::readAllBytes).satisfies(e -> assertThat(chain(e))
          .as("an integrity error, in the stream or as its cause")
          .anyMatch(IntegrityException.class::isInstance));
    }
  }

  @Test
  @DisplayName("Data rooms between Java and the browser: a room Alice's SDK founded, with a folder"
      + " and a file it uploaded, opens in Bob's page (after Alice's SDK confirmed the safety"
      + " words his list shows), which decrypts the room's and the entries' names (not ASCII) and"
      + " verifies the file's signed entry; a room Bob founded in his page, where he added Alice as"
      + " a manager and gave her the key after comparing her safety words, opens in Java by name")
  void dataRooms_betweenJavaAndTheBrowser() {
    var rooms = web.sdk().rooms();
    dev.secupass.api.RoomId fromJava = rooms.create(alice, aliceSession, "Datenraum Øresund");
    rooms.createFolder(aliceSession, fromJava, null, "Verträge");
    byte[] minutes = "Protokoll der Sitzung\n".repeat(500).getBytes(StandardCharsets.UTF_8);
    rooms.upload(aliceSession, fromJava, null, "Protokoll März ✓.txt",
        new java.io.ByteArrayInputStream(minutes), minutes.length);

    bob.go("/sign-in");
    bob.type(By.id("username"), "bob");
    bob.type(By.id("password"), "bob-password");
    bob.click(By.id("sign-in"));
    bob.go("/rooms");
    bob.see(By.id("client-secupass-dialog"));
    bob.type(By.id("client-secupass"), BOB_SECUPASS);
    bob.type(By.id("client-secupass-confirm"), BOB_SECUPASS);
    bob.click(By.id("client-secupass-submit"));
    bob.see(By.id("no-rooms"));
    assertThat(rooms.addMember(aliceSession, fromJava, bobUser.id(),
        dev.secupass.api.PrincipalKind.EMPLOYEE, dev.secupass.api.RoomRole.EDITOR))
        .as("Alice never verified Bob's keys")
        .isEqualTo(dev.secupass.core.rooms.MemberAccess.AWAITING_CONFIRMATION);
    bob.go("/rooms");
    String words = bob.see(By.id("safety-words")).getText();
    PendingGrant grant = web.sdk().grants().pending(alice.user(), 1000).stream()
        .filter(g -> g.forRoom().equals(java.util.Optional.of(fromJava))).findFirst()
        .orElseThrow();
    web.sdk().grants().confirmFirstContact(aliceSession, grant.id(), SafetyWords.parse(words));

    bob.go("/rooms");
    bob.click(By.linkText("Datenraum Øresund"));
    assertThat(bob.see(By.id("room-title")).getText()).isEqualTo("Datenraum Øresund");
    bob.see(By.id("room-files"));
    assertThat(bob.see(By.cssSelector("#room-files a.download")).getText())
        .isEqualTo("Protokoll März ✓.txt");
    assertThat(bob.see(By.id("room-files")).getText()).contains("Verträge/")
        .doesNotContain("unsigned", "does not open");
    bob.screenshot("java-room-opened");

    // The other way: Bob founds a room in his page and adds Alice as a manager. He never
    // verified her keys, so his page holds her key until he confirms her safety words.
    bob.go("/rooms");
    bob.type(By.id("room-name"), "Bobs Raum für Zoë");
    bob.click(By.id("create"));
    new org.openqa.selenium.support.ui.Select(bob.see(By.id("member")))
        .selectByVisibleText("alice");
    new org.openqa.selenium.support.ui.Select(bob.see(By.id("role")))
        .selectByVisibleText("manager");
    bob.click(By.id("add"));
    bob.waitForText("you never verified alice's keys");
    String presented = bob.see(By.id("presented")).getText();
    assertThat(presented).isEqualTo(SafetyWords.of(web.sdk().secuPass()
        .fingerprint(alice.user()).orElseThrow()).toString());
    bob.type(By.id("words"), presented);
    bob.click(By.id("confirm"));
    bob.waitForText("alice has the room key now");
    String path = bob.currentUrl().substring(web.origin().length());
    dev.secupass.api.RoomId fromBrowser = dev.secupass.api.RoomId.of(
        path.substring("/rooms/".length()));
    var details = rooms.open(aliceSession, fromBrowser);
    assertThat(details.name()).isEqualTo("Bobs Raum für Zoë");
    assertThat(details.role()).isEqualTo(dev.secupass.api.RoomRole.MANAGER);
  }

  /**
   * Alice sends a level-3 delivery of {@code files} from Java; Bob signs in, opens it, chooses
   * his SecuPass in his page and waits with his safety words; Alice's SDK confirms them (the
   * first-contact rule) and Bob's page opens the delivery.
   */
  private DeliveryId bobChoosesInBrowserAndOpens(Path... files) {
    DeliveryId id = sendFromJava(3, "Quarterly report", "Dear Bob,\nsee the numbers.", files);
    bob.go("/sign-in");
    bob.type(By.id("username"), "bob");
    bob.type(By.id("password"), "bob-password");
    bob.click(By.id("sign-in"));
    bob.see(By.id("signed-in-as"));
    bob.go("/deliveries/" + id.value());
    bob.click(By.id("open"));
    bob.see(By.id("client-secupass-dialog"));
    assertThat(bob.text()).contains("Choose a SecuPass");
    bob.type(By.id("client-secupass"), BOB_SECUPASS);
    bob.type(By.id("client-secupass-confirm"), BOB_SECUPASS);
    bob.click(By.id("client-secupass-submit"));
    bob.see(By.id("client-waiting"));
    String words = bob.see(By.id("safety-words")).getText();
    PendingGrant grant = web.sdk().grants().pending(alice.user(), 1000).stream()
        .filter(g -> g.forDelivery().equals(java.util.Optional.of(id))).findFirst().orElseThrow();
    web.sdk().grants().confirmFirstContact(aliceSession, grant.id(), SafetyWords.parse(words));
    bob.see(By.id("files"));
    return id;
  }

  private DeliveryId sendFromJava(int level, String subject, String message, Path... files) {
    DeliveryDraft.Builder draft = DeliveryDraft.builder().level(SecurityLevel.of(level))
        .subject(subject).message(message).to(bobUser.addressee());
    for (Path f : files) {
      draft.file(f);
    }
    return web.sdk().deliveries().send(alice, aliceSession, draft.build()).id();
  }

  /** Bob composes in his page (his kept keys, or his SecuPass typed again) and sends to Alice. */
  private DeliveryId sendFromBrowser(int level, String subject, String message, Path... files) {
    bob.go("/compose");
    bob.type(By.id("to"), "alice");
    bob.click(By.id("level-" + level));
    bob.type(By.id("subject"), subject);
    bob.type(By.id("message"), message);
    for (Path f : files) {
      bob.see(By.id("files")).sendKeys(f.toString());
    }
    bob.click(By.id("send"));
    bob.see(By.cssSelector("#client-sent, #client-secupass-dialog"));
    if (!bob.driver().findElements(By.id("client-secupass-dialog")).isEmpty()) {
      bob.type(By.id("client-secupass"), BOB_SECUPASS);
      bob.click(By.id("client-secupass-submit"));
    }
    String sent = bob.see(By.id("client-sent")).getText();
    assertThat(sent).as("Bob's page pinned Alice's keys when it opened her delivery")
        .contains("Sent at level " + level + " to alice").doesNotContain("never verified");
    return DeliveryId.of(bob.see(By.id("client-sent")).getAttribute("data-delivery"));
  }

  private void download(Browser browser, Path expected) throws IOException {
    String name = expected.getFileName().toString();
    browser.click(By.xpath("//ul[@id='files']//a[contains(@class,'download')][.='" + name + "']"));
    assertThat(Files.mismatch(browser.downloaded(name), expected)).as(name).isEqualTo(-1);
  }

  private int suiteOf(dev.secupass.api.UserId user) {
    return FormatProbe.bundleSuite(web.sdk().relay().keys(user).orElseThrow().publicKeys());
  }

  private Set<Path> blobFiles() throws IOException {
    try (Stream<Path> all = Files.walk(folder.resolve("data").resolve("blobs"))) {
      return new HashSet<>(all.filter(Files::isRegularFile).toList());
    }
  }

  /** The blobs stored since {@code before}: one per file of the delivery sent since. */
  private List<Path> newBlobs(Set<Path> before, int files) throws IOException {
    List<Path> added = new ArrayList<>(blobFiles());
    added.removeAll(before);
    assertThat(added).as("the delivery's blobs").hasSize(files);
    return added;
  }

  /**
   * What a server (or whoever writes its database) can do: change the stored name of the first
   * file of a level 1-3 delivery, which is kept in clear.
   */
  private void renameStoredFile(DeliveryId id, String name) {
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("data")
            .resolve("db").resolve("secupass").toAbsolutePath() + ";IFEXISTS=TRUE", "sa", "");
        Statement find = db.createStatement();
        ResultSet tables = find.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM"
            + " INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) LIKE '%DELIVERY_FILE'")) {
      assertThat(tables.next()).as("the table of delivery files").isTrue();
      String table = '"' + tables.getString(1) + "\".\"" + tables.getString(2) + '"';
      try (PreparedStatement update = db.prepareStatement("UPDATE " + table
          + " SET name = ? WHERE delivery_id = ? AND list_index = (SELECT MIN(list_index) FROM "
          + table + " WHERE delivery_id = ?)")) {
        update.setBytes(1, name.getBytes(StandardCharsets.UTF_8));
        update.setString(2, id.value());
        update.setString(3, id.value());
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int streamVersion(Path blob) throws IOException {
    try (InputStream in = Files.newInputStream(blob)) {
      return FormatProbe.streamVersion(in.readNBytes(64));
    }
  }

  /** The version of a delivery's signed manifest, as the relay hands it to a reader's page. */
  private int manifestVersion(SignedInUser reader, DeliveryId id) {
    ClientCopy copy = web.sdk().relay().open(reader, id);
    return FormatProbe.manifestVersion(copy.manifest(), copy.senderPublicKeys());
  }

  /** Flips one bit of the last segment's ciphertext, in the stored file itself. */
  private static void flipByteNearTheEnd(Path blob) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(blob.toFile(), "rw")) {
      long at = raf.length() - 100;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x01);
    }
  }

  private static List<Throwable> chain(Throwable e) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  private Path file(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size * 31L + name.hashCode()).nextBytes(bytes);
    return Files.write(Files.createDirectories(folder.resolve("uploads")).resolve(name), bytes);
  }
}
