package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.ClientKeyLogProof;
import dev.secupass.core.relay.ClientRoomEntry;
import dev.secupass.core.testing.ClientCiphertext;
import dev.secupass.samples.web.testing.Steps;
import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay routes (/api/...) over plain HTTP: what they refuse and how (the statuses of
 * docs/client-exchange.md, "Errors", as JSON). The browser story (BrowserStoryTest) runs them
 * with the browser client itself.
 */
class RelayRoutesTest {
  @TempDir Path folder;
  WebFixture web;
  WebClient alice;

  @BeforeEach
  void start() {
    web = new WebFixture(folder);
    alice = new WebClient(web.origin());
    assertThat(alice.signIn("alice", "alice-password").status()).isEqualTo(303);
  }

  @AfterEach
  void stop() {
    web.close();
  }

  @Test
  void withoutSignIn_401_asJson() {
    WebClient.Page page = new WebClient(web.origin()).get("/api/keys");
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.body()).startsWith("{\"error\":");
  }

  @Test
  void post_withoutCsrfHeader_403_andNothingStored() {
    WebClient.Page page = alice.postJson("/api/keys/activate", "{}", false);
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("security token");
    assertThat(alice.get("/api/keys").body()).contains("\"keys\":null");
  }

  @Test
  void keys_sayTheUserAndTheCostOfNewRecords() {
    WebClient.Page page = alice.get("/api/keys");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("\"user\":\"", "\"keys\":null",
        "\"memoryKiB\":64", "\"weak\":true");
  }

  @Test
  void forgedActivation_400_withTheSdksKind() {
    byte[] junk = new byte[200];
    new Random(1).nextBytes(junk);
    String b64 = Base64.getEncoder().encodeToString(junk);
    WebClient.Page page = alice.postJson("/api/keys/activate", "{\"publicKeys\":\"" + b64
        + "\",\"sealed\":\"" + b64 + "\",\"kdf\":{\"memoryKiB\":64,\"iterations\":1,"
        + "\"parallelism\":1}}", true);
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("\"error\":\"").doesNotContain(b64);
    assertThat(alice.get("/api/keys").body()).contains("\"keys\":null");
  }

  @Test
  void settingsChangeAndReset_postedSecuPass_refusedInBrowserMode_nothingChanged() {
    Steps.chooseSecuPass(alice, "alice's server secupass");
    UserId user = web.directory().byName("alice").orElseThrow().id();
    byte[] sealed = web.sdk().relay().keys(user).orElseThrow().sealedPrivateKeys();
    WebClient.Page change = alice.post("/settings/secupass/change", Map.of(
        "current", "alice's server secupass", "next_secupass", "a new secupass here",
        "next_confirm", "a new secupass here"));
    assertThat(change.status()).isEqualTo(400);
    assertThat(change.body()).contains("never reaches the server", "Nothing was changed");
    WebClient.Page reset = alice.post("/settings/secupass/reset", Map.of(
        "next_secupass", "a new secupass here"));
    assertThat(reset.status()).isEqualTo(400);
    assertThat(web.sdk().relay().keys(user).orElseThrow().sealedPrivateKeys())
        .as("the key record is the one before").isEqualTo(sealed);
  }

  @Test
  void withdrawal_ofLevelThree_postedToTheServer_refusedInBrowserMode_relayRouteChecks() {
    Steps.chooseSecuPass(alice, "alice's server secupass");
    String id = Steps.send(alice, 3, "bob", "Plan", "plan.txt", "the plan", Map.of());
    WebClient.Page posted = alice.post("/outbox/" + id + "/withdraw", Map.of());
    assertThat(posted.status()).isEqualTo(400);
    assertThat(posted.body()).contains("withdrawn in your browser", "Nothing was withdrawn");
    WebClient.Page forged = alice.postJson("/api/deliveries/" + id + "/withdraw",
        "{\"statement\":\"" + Base64.getEncoder().encodeToString(new byte[40]) + "\"}", true);
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).contains("\"error\":\"IntegrityException\"");
    WebClient bob = new WebClient(web.origin());
    bob.signIn("bob", "bob-password");
    assertThat(bob.postJson("/api/deliveries/" + id + "/withdraw", "{\"statement\":\"AA==\"}",
        true).status()).as("not bob's delivery").isEqualTo(403);
    assertThat(alice.get("/outbox/" + id).body()).contains("id=\"withdraw-delivery\"",
        "data-in-browser=\"withdraw\"").doesNotContain("id=\"withdrawn\"");
  }

  @Test
  void notJson_400() {
    assertThat(alice.postJson("/api/recipients", "to=paul", true).status()).isEqualTo(400);
  }

  @Test
  void chunks_resumeWhereTheServerStands_andTheLastStoresTheFile() throws IOException {
    byte[] ciphertext = ClientCiphertext.of(300_000, 1, 64 * 1024);
    String id = start(alice, ciphertext.length);
    Path spooled = folder.resolve("web-spool").resolve(id + ".part");
    if (spooled.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spooled)))
          .as("only the server's own user reads the spool file").isEqualTo("rw-------");
    }

    assertThat(put(alice, id, ciphertext, 0, 100_000).body()).contains("\"received\":100000");
    assertThat(alice.get("/api/uploads/" + id).body()).contains("\"received\":100000",
        "\"storedSize\":" + ciphertext.length);
    // The same chunk again (its answer was lost), and one past a gap: 409 with where it stands.
    for (int from : new int[] {0, 150_000}) {
      WebClient.Page conflict = put(alice, id, ciphertext, from, 120_000);
      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.body()).contains("\"received\":100000");
    }
    // A chunk shorter than its Content-Range (a connection cut mid-chunk) counts for nothing.
    WebClient.Page cut = alice.send("PUT", "/api/uploads/" + id,
        Arrays.copyOfRange(ciphertext, 100_000, 150_000), true, "Content-Type",
        "application/octet-stream", "Content-Range", "bytes 100000-199999/" + ciphertext.length);
    assertThat(cut.status()).isEqualTo(400);
    assertThat(Files.size(spooled)).isEqualTo(100_000);

    WebClient.Page last = put(alice, id, ciphertext, 100_000, ciphertext.length - 100_000);
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.body()).contains("\"upload\":\"");
    assertThat(spooled).as("deleted once the relay stored it").doesNotExist();
    assertThat(alice.get("/api/uploads/" + id).status()).isEqualTo(404);
  }

  @Test
  void connectionCutMidChunk_countsForNothing_andTheChunkIsBusyUntilThen() throws Exception {
    byte[] ciphertext = ClientCiphertext.of(300_000, 1, 64 * 1024);
    String id = start(alice, ciphertext.length);
    Path spooled = folder.resolve("web-spool").resolve(id + ".part");
    try (Socket socket = new Socket("localhost", web.sample().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /api/uploads/" + id + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Cookie: secupass_web=" + alice.cookie() + "\r\nX-CSRF-Token: " + alice.csrf()
          + "\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-199999/"
          + ciphertext.length + "\r\nContent-Length: 200000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(ciphertext, 0, 120_000);
      out.flush();
      waitUntil(() -> Files.size(spooled) == 120_000);
      assertThat(alice.get("/api/uploads/" + id).body()).as("nothing counts before the chunk"
          + " is whole").contains("\"received\":0");
      assertThat(put(alice, id, ciphertext, 0, 1000).status())
          .as("another chunk while this one arrives").isEqualTo(503);
    }
    waitUntil(() -> Files.size(spooled) == 0);
    assertThat(alice.get("/api/uploads/" + id).body()).contains("\"received\":0");
    waitUntil(() -> put(alice, id, ciphertext, 0, ciphertext.length).status() == 200);
    assertThat(spooled).doesNotExist();
  }

  /** Polls {@code condition} for up to 10 seconds (the server notices a cut connection soon). */
  private static void waitUntil(Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
      Thread.sleep(50);
    }
  }

  @Test
  void chunks_refused_beyondTheDeclaredSize_withoutRangeOrToken_ofAnotherUser() throws IOException {
    byte[] ciphertext = ClientCiphertext.of(50_000, 1, 64 * 1024);
    String id = start(alice, ciphertext.length);
    String path = "/api/uploads/" + id;
    byte[] tooLong = Arrays.copyOf(ciphertext, ciphertext.length + 1);
    assertThat(alice.send("PUT", path, tooLong, true, "Content-Type",
        "application/octet-stream", "Content-Range", "bytes 0-" + ciphertext.length + "/"
        + ciphertext.length).status()).as("past the declared size").isEqualTo(416);
    assertThat(alice.send("PUT", path, ciphertext, true, "Content-Type",
        "application/octet-stream", "Content-Range", "bytes 0-99/" + (ciphertext.length + 1))
        .status()).as("another total").isEqualTo(416);
    assertThat(alice.send("PUT", path, ciphertext, true, "Content-Type",
        "application/octet-stream").status()).as("no Content-Range").isEqualTo(400);
    WebClient.Page forged = alice.send("PUT", path, ciphertext, false, "Content-Type",
        "application/octet-stream", "Content-Range", "bytes 0-" + (ciphertext.length - 1) + "/"
        + ciphertext.length);
    assertThat(forged.status()).as("no CSRF header").isEqualTo(403);

    WebClient bob = new WebClient(web.origin());
    assertThat(bob.signIn("bob", "bob-password").status()).isEqualTo(303);
    assertThat(bob.get(path).status()).isEqualTo(404);
    assertThat(put(bob, id, ciphertext, 0, 1000).status()).isEqualTo(404);
    assertThat(bob.send("DELETE", path, new byte[0], true).status()).isEqualTo(404);
    assertThat(alice.get(path).body()).contains("\"received\":0");

    assertThat(alice.postJson("/api/uploads", "{\"storedSize\":" + (5L << 30) + "}", true)
        .status()).as("above the 4 GiB file limit").isEqualTo(413);
    for (int i = 1; i < 4; i++) {
      start(alice, 1000);
    }
    WebClient.Page fifth = alice.postJson("/api/uploads", "{\"storedSize\":1000}", true);
    assertThat(fifth.status()).as("more than 4 open uploads").isEqualTo(429);

    assertThat(alice.send("DELETE", path, new byte[0], true).status()).isEqualTo(204);
    assertThat(alice.get(path).status()).isEqualTo(404);
    assertThat(folder.resolve("web-spool").resolve(id + ".part")).doesNotExist();
    alice.post("/sign-out", Map.of());
    try (Stream<Path> left = Files.list(folder.resolve("web-spool"))) {
      assertThat(left).as("sign-out deleted the open uploads").isEmpty();
    }
  }

  @Test
  void damagedUpload_400_andNothingKept() throws IOException {
    byte[] junk = new byte[5000];
    new Random(2).nextBytes(junk);
    String id = start(alice, junk.length);
    assertThat(put(alice, id, junk, 0, 3000).status()).isEqualTo(200);
    WebClient.Page page = put(alice, id, junk, 3000, 2000);
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).doesNotContain("\"upload\"");
    assertThat(alice.get("/api/uploads/" + id).status()).as("discarded").isEqualTo(404);
    assertThat(alice.postJson("/api/uploads", "{}", true).status()).as("no size")
        .isEqualTo(400);
  }

  /** Starts an upload of {@code storedSize} bytes; returns its id. */
  private static String start(WebClient client, long storedSize) {
    WebClient.Page page = client.postJson("/api/uploads", "{\"storedSize\":" + storedSize + "}",
        true);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(page.body());
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  /**
   * PUTs {@code length} bytes of {@code bytes} from {@code from}, as the page does, including its
   * rule for a connection that fails without an answer: ask the server where the upload stands and
   * send the chunk again if it did not arrive (seen once in CI: the JDK client's "header parser
   * received no bytes" on a chunk the server never answered).
   */
  private static WebClient.Page put(WebClient client, String id, byte[] bytes, int from,
      int length) {
    try {
      return putOnce(client, id, bytes, from, length);
    } catch (java.io.UncheckedIOException lost) {
      WebClient.Page stands = client.get("/api/uploads/" + id);
      if (stands.status() == 200 && stands.body().contains("\"received\":" + (from + length))) {
        return stands;
      }
      return putOnce(client, id, bytes, from, length);
    }
  }

  private static WebClient.Page putOnce(WebClient client, String id, byte[] bytes, int from,
      int length) {
    return client.send("PUT", "/api/uploads/" + id, Arrays.copyOfRange(bytes, from,
        from + length), true, "Content-Type", "application/octet-stream", "Content-Range",
        "bytes " + from + "-" + (from + length - 1) + "/" + bytes.length);
  }


  // ---- data rooms ------------------------------------------------------------------------------

  /** Alice with keys (made in Java) and a room she founded there, named {@code name}. */
  private dev.secupass.api.RoomId javaRoom(String name) {
    var alice = web.directory().byName("alice").orElseThrow().signedIn();
    try (var secuPass = dev.secupass.core.keys.SecuPass.of("alice's secupass for rooms")) {
      var session = web.sdk().secuPass().activate(alice.user(), secuPass);
      try {
        return web.sdk().rooms().create(alice, session, name);
      } finally {
        session.close();
      }
    }
  }

  private dev.secupass.core.relay.ClientRoomCopy copy(dev.secupass.api.RoomId room) {
    return web.sdk().relay().room(web.directory().byName("alice").orElseThrow().signedIn(), room);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void roomCopy_carriesTheLogKeysAndEnvelopes_butNoName_andOnlyToMembers() {
    var room = javaRoom("Ledger of Falcon");
    WebClient.Page page = alice.get("/api/rooms/" + room.value());
    assertThat(page.status()).isEqualTo(200);
    var copy = copy(room);
    // Gson escapes '=' (JSON allows either form).
    assertThat(page.body().replace("\\u003d", "=")).contains(
        "\"log\":[\"" + b64(copy.log().get(0)) + "\"]",
        "\"envelopes\":[\"" + b64(copy.envelopes().get(0)) + "\"]", "\"role\":\"OWNER\"",
        "\"name\":\"alice\"", "\"now\":").doesNotContain("Ledger");
    assertThat(alice.get("/api/rooms/" + room.value() + "/entries").body()).isEqualTo("[]");
    WebClient bob = new WebClient(web.origin());
    bob.signIn("bob", "bob-password");
    // Bob has no SecuPass yet, then one and no membership: refused, as JSON with the SDK's kind.
    WebClient.Page none = bob.get("/api/rooms/" + room.value());
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.body()).contains("\"error\":\"SecuPassRequiredException\"");
    try (var secuPass = dev.secupass.core.keys.SecuPass.of("bob's secupass")) {
      web.sdk().secuPass().activate(web.directory().byName("bob").orElseThrow().id(), secuPass)
          .close();
    }
    for (String path : new String[] {"/api/rooms/" + room.value(),
        "/api/rooms/" + room.value() + "/entries"}) {
      WebClient.Page refused = bob.get(path);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.body()).contains("\"error\":\"NotPermittedException\"");
    }
    assertThat(alice.get("/api/rooms/" + "f".repeat(32)).status()).isEqualTo(404);
    assertThat(alice.get("/api/people/paul/keys").body()).contains("\"publicKeys\":null");
    assertThat(alice.get("/api/people/nobody/keys").status()).isEqualTo(404);
  }

  @Test
  void forgedRoomChanges_refusedWithTypedErrors_andNothingStored() {
    var room = javaRoom("Ledger of Falcon");
    var before = copy(room);
    byte[] junk = new byte[300];
    new Random(7).nextBytes(junk);
    String entry0 = b64(before.log().get(0));
    String envelope = b64(before.envelopes().get(0));
    String base = "/api/rooms/" + room.value();

    // Founding: without the CSRF header; garbage; the room's own entry 0 again (its id is taken).
    assertThat(alice.postJson("/api/rooms", "{\"entry\":\"" + entry0 + "\",\"sealedName\":\""
        + b64(before.sealedName()) + "\",\"envelope\":\"" + envelope + "\"}", false).status())
        .isEqualTo(403);
    WebClient.Page garbage = alice.postJson("/api/rooms", "{\"entry\":\"" + b64(junk)
        + "\",\"sealedName\":\"" + b64(junk) + "\",\"envelope\":\"" + b64(junk) + "\"}", true);
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.body()).contains("\"error\":\"").doesNotContain(b64(junk));
    WebClient.Page replayed = alice.postJson("/api/rooms", "{\"entry\":\"" + entry0
        + "\",\"sealedName\":\"" + b64(before.sealedName()) + "\",\"envelope\":\"" + envelope
        + "\"}", true);
    assertThat(replayed.status()).isEqualTo(409);
    assertThat(replayed.body()).contains("\"error\":\"ConflictException\"");
    assertThat(alice.postJson("/api/rooms", "{\"entry\":\"not base64!\"}", true).status())
        .isEqualTo(400);

    // Changes: garbage and a replayed entry 0 as an addition and a removal; a member the
    // directory does not know; a grant that does not exist.
    WebClient.Page add = alice.postJson(base + "/members", "{\"member\":\"bob\",\"entry\":\""
        + b64(junk) + "\",\"envelopes\":[]}", true);
    assertThat(add.status()).isEqualTo(400);
    WebClient.Page addReplay = alice.postJson(base + "/members", "{\"member\":\"bob\","
        + "\"entry\":\"" + entry0 + "\",\"envelopes\":[]}", true);
    assertThat(addReplay.status()).isEqualTo(400);
    assertThat(addReplay.body()).contains("\"error\":\"IntegrityException\"",
        "CREATE, not a ADD");
    assertThat(alice.postJson(base + "/members", "{\"member\":\"nobody\",\"entry\":\""
        + entry0 + "\",\"envelopes\":[]}", true).status()).isEqualTo(404);
    assertThat(alice.postJson(base + "/members", "{\"member\":\"bob\",\"entry\":\"" + entry0
        + "\"}", true).status()).as("no envelopes field").isEqualTo(400);
    WebClient.Page remove = alice.postJson(base + "/removals", "{\"member\":\"bob\","
        + "\"entry\":\"" + entry0 + "\",\"envelopes\":[\"" + envelope + "\"]}", true);
    assertThat(remove.status()).isEqualTo(400);
    assertThat(remove.body()).contains("\"error\":\"IntegrityException\"",
        "CREATE, not a REMOVE");
    assertThat(alice.postJson("/api/room-grants/" + "a".repeat(32) + "/fulfil",
        "{\"keyEntry\":null,\"envelopes\":[]}", true).status()).isEqualTo(404);
    assertThat(alice.postJson("/api/room-grants/" + "a".repeat(32) + "/fulfil",
        "{\"keyEntry\":null,\"envelopes\":[]}", false).status()).isEqualTo(403);
    assertThat(alice.get("/api/room-grants").body()).isEqualTo("[]");

    assertThat(copy(room)).as("the room as it was").isEqualTo(before);
    var alices = web.directory().byName("alice").orElseThrow().id();
    assertThat(web.sdk().rooms().roomsOf(alices)).hasSize(1);
  }

  @Test
  void unknownDelivery_404_fileBeforeItsCopy_409() {
    assertThat(alice.get("/api/deliveries/0123456789abcdef0123456789abcdef/copy").status())
        .isEqualTo(404);
    HttpResponse<InputStream> file = alice.download(
        "/api/deliveries/0123456789abcdef0123456789abcdef/files/f1", "Range", "bytes=0-9");
    assertThat(file.statusCode()).isEqualTo(409);
  }

  @Test
  void recipients_resolveANewGuest_withoutKeys_andTheServersClock() {
    WebClient.Page page = alice.postJson("/api/recipients",
        "{\"to\":\"paul, gina@example.org\"}", true);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("\"now\":" + web.clock().millis(), "\"name\":\"paul\"",
        "\"guest\":true", "\"user\":\"guest-");
    assertThat(alice.postJson("/api/recipients", "{\"to\":\"nobody\"}", true).status())
        .isEqualTo(400);
  }

  @Test
  void keyLogConsistency_isTheHostsProofBetweenTwoSizes_andEmptyWhereNoneCanBeGiven()
      throws Exception {
    List<UserId> users = new ArrayList<>();
    for (String name : List.of("alice", "bob", "paul")) {
      UserId user = web.directory().byName(name).orElseThrow().id();
      try (SecuPass pass = SecuPass.of("consistency " + name)) {
        web.sdk().secuPass().activate(user, pass).close();
      }
      users.add(user);
    }
    // Three entries: the proof from 1 to 3 is the second leaf and the third (RFC 9162), and with
    // the first leaf it makes the root of the host's signed checkpoint of 3 entries.
    WebClient.Page page = alice.get("/api/key-log/consistency?from=1&to=3");
    assertThat(page.status()).isEqualTo(200);
    JsonArray proof = JsonParser.parseString(page.body()).getAsJsonObject().getAsJsonArray("proof");
    assertThat(proof).as(page.body()).hasSize(2);
    ClientKeyLogProof first = web.sdk().relay().keyLogProof(users.get(0), KeyVersion.FIRST, 0);
    String[] note = first.checkpoint().split("\n");
    assertThat(note[1]).isEqualTo("3");
    byte[] leaf0 = sha256(new byte[] {0}, first.leaf());
    byte[] left = sha256(new byte[] {1}, leaf0,
        Base64.getDecoder().decode(proof.get(0).getAsString()));
    assertThat(sha256(new byte[] {1}, left, Base64.getDecoder().decode(proof.get(1).getAsString())))
        .isEqualTo(Base64.getDecoder().decode(note[2]));
    // From 0, for one size, or beyond the tree: empty, the client's check decides.
    for (String sizes : List.of("from=0&to=3", "from=2&to=2", "from=1&to=4")) {
      WebClient.Page none = alice.get("/api/key-log/consistency?" + sizes);
      assertThat(none.status()).isEqualTo(200);
      assertThat(none.body()).as(sizes).isEqualTo("{\"proof\":[]}");
    }
    // No tree sizes, a shrinking tree or a negative size: 400; signed out: 401.
    for (String sizes : List.of("from=x&to=3", "to=3", "from=3&to=1", "from=-1&to=3")) {
      WebClient.Page refused = alice.get("/api/key-log/consistency?" + sizes);
      assertThat(refused.status()).as(sizes).isEqualTo(400);
      assertThat(refused.body()).startsWith("{\"error\":");
    }
    assertThat(new WebClient(web.origin()).get("/api/key-log/consistency?from=1&to=3").status())
        .isEqualTo(401);
  }

  @Test
  void keyLogEntriesAndCheckpoints_refuseBadInput_withTypedErrors_andStoreNothing() {
    UserId aliceId = web.directory().byName("alice").orElseThrow().id();
    try (SecuPass pass = SecuPass.of("entries alice")) {
      web.sdk().secuPass().activate(aliceId, pass).close();
    }
    // The user's own entries: one, with its inclusion proof in the host's checkpoint.
    WebClient.Page entries = alice.get("/api/key-log/entries?seen=0&monitored=0");
    assertThat(entries.status()).as(entries.body()).isEqualTo(200);
    var served = JsonParser.parseString(entries.body()).getAsJsonObject();
    assertThat(served.get("checkpoint").getAsString()).contains("\n1\n");
    assertThat(served.getAsJsonArray("entries")).hasSize(1);
    assertThat(served.getAsJsonArray("added")).isEmpty();
    for (String sizes : List.of("seen=x", "monitored=1.5", "seen=-1", "monitored=-2")) {
      WebClient.Page refused = alice.get("/api/key-log/entries?" + sizes);
      assertThat(refused.status()).as(sizes).isEqualTo(400);
      assertThat(refused.body()).startsWith("{\"error\":");
    }
    // Alice's SDK published hers at activation; Bob, without keys, nothing: null, not an error.
    String of = "/api/key-log/checkpoint-of?subject=" + aliceId.value() + "&held=1";
    assertThat(alice.get(of).body()).startsWith("{\"statement\":\"").endsWith("\"proof\":[]}");
    UserId bobId = web.directory().byName("bob").orElseThrow().id();
    assertThat(alice.get("/api/key-log/checkpoint-of?subject=" + bobId.value() + "&held=0").body())
        .isEqualTo("{\"statement\":null,\"proof\":[]}");
    byte[] published = web.sdk().relay().keyLogCheckpointOf(aliceId, 0).orElseThrow().statement();
    for (String query : List.of("subject=" + aliceId.value() + "&held=x",
        "subject=" + aliceId.value() + "&held=-1", "held=0")) {
      WebClient.Page refused = alice.get("/api/key-log/checkpoint-of?" + query);
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.body()).startsWith("{\"error\":");
    }
    // A statement that is not one: no CSRF header 403, junk and non-base64 400, unsigned-in 401.
    byte[] junk = new byte[120];
    new Random(2).nextBytes(junk);
    String body = "{\"statement\":\"" + Base64.getEncoder().encodeToString(junk) + "\"}";
    assertThat(alice.postJson("/api/key-log/checkpoint", body, false).status()).isEqualTo(403);
    WebClient.Page forged = alice.postJson("/api/key-log/checkpoint", body, true);
    assertThat(forged.status()).as(forged.body()).isEqualTo(400);
    assertThat(forged.body()).startsWith("{\"error\":\"");
    for (String bad : List.of("{\"statement\":\"***\"}", "{}", "[]")) {
      WebClient.Page refused = alice.postJson("/api/key-log/checkpoint", bad, true);
      assertThat(refused.status()).as(bad).isEqualTo(400);
    }
    assertThat(web.sdk().relay().keyLogCheckpointOf(aliceId, 0).orElseThrow().statement())
        .as("nothing replaced Alice's statement").isEqualTo(published);
    assertThat(new WebClient(web.origin()).get("/api/key-log/entries").status()).isEqualTo(401);
  }

  private static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  @Test
  void pages_loadTheBrowserClientWithIntegrity_underAStrictPolicy() {
    WebClient.Page page = alice.get("/compose");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/client/secupass-browser-client.js\""
        + " integrity=\"sha384-", "src=\"/client/client.js\" integrity=\"sha384-");
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self' 'wasm-unsafe-eval';").doesNotContain("unsafe-inline")
        .doesNotContain(" 'unsafe-eval'");
    assertThat(alice.get("/client/secupass-browser-client.js").header("Content-Type"))
        .startsWith("text/javascript");
  }

  // ---- room files ------------------------------------------------------------------------------

  /** A room of alice's (owner, made with the SDK) with bob a viewer, and a file alice uploaded in Java. */
  private record Room(RoomId id, FileId javaFile, byte[] javaContent) {}

  private Room room() throws IOException {
    SecuPassSdk sdk = web.sdk();
    UserId aliceId = web.directory().byName("alice").orElseThrow().id();
    UserId bobId = web.directory().byName("bob").orElseThrow().id();
    byte[] content = new byte[70_000];
    new Random(3).nextBytes(content);
    try (SecuPass alicePass = SecuPass.of("alice's secupass");
        SecuPassSession session = sdk.secuPass().activate(aliceId, alicePass);
        SecuPass bobPass = SecuPass.of("bob's secupass")) {
      sdk.secuPass().activate(bobId, bobPass).close();
      RoomId room = sdk.rooms().create(SignedInUser.employee(aliceId), session, "Room");
      sdk.rooms().addMember(session, room, bobId, PrincipalKind.EMPLOYEE, RoomRole.VIEWER);
      FileId file = sdk.rooms().upload(session, room, null, "java.bin",
          new java.io.ByteArrayInputStream(content)).id();
      return new Room(room, file, content);
    }
  }

  private String uploaded(WebClient client) {
    byte[] ciphertext = ClientCiphertext.of(10_000, 2, 4096);
    String id = start(client, ciphertext.length);
    WebClient.Page last = put(client, id, ciphertext, 0, ciphertext.length);
    assertThat(last.body()).as("the relay's answer: blob, sizes and digest")
        .contains("\"upload\":\"", "\"content\":{\"blob\":\"", "\"digest\":\"");
    Matcher handle = Pattern.compile("\"upload\":\"([^\"]+)\"").matcher(last.body());
    assertThat(handle.find()).isTrue();
    return handle.group(1);
  }

  private static String roomFile(String file, String upload, String sealedEntry) {
    return "{\"file\":\"" + file + "\",\"folder\":null,\"sealedEntry\":\"" + sealedEntry
        + "\",\"wrappedKey\":\"AQID\",\"epoch\":1,\"upload\":\"" + upload + "\"}";
  }

  @Test
  void roomFiles_invalidRequests_refusedWithTypedErrors_andNothingStored() throws IOException {
    Room room = room();
    String base = "/api/rooms/" + room.id().value();
    String handle = uploaded(alice);
    String unsigned = Base64.getEncoder().encodeToString(new byte[] {9, 1, 2, 3});

    assertThat(new WebClient(web.origin()).get(base).status()).isEqualTo(401);
    assertThat(alice.postJson(base + "/files", roomFile("f1", handle, unsigned), false).status())
        .as("without the CSRF header").isEqualTo(403);
    WebClient.Page noUpload = alice.postJson(base + "/files",
        roomFile("f1", "not-a-handle", unsigned), true);
    assertThat(noUpload.status()).isEqualTo(400);
    assertThat(noUpload.body()).contains("\"error\":\"HttpError\"", "no longer here");
    assertThat(alice.postJson(base + "/files", roomFile("../f1", handle, unsigned), true)
        .status()).as("an entry id outside the grammar").isEqualTo(400);
    WebClient.Page badField = alice.postJson(base + "/files", roomFile("f1", handle, unsigned),
        true);
    assertThat(badField.status()).as(badField.body()).isEqualTo(400);
    assertThat(badField.body()).contains("\"error\":\"UnsupportedFormatException\"");
    assertThat(alice.postJson(base + "/files", "{\"file\":\"f1\"}", true).status())
        .as("no upload named").isEqualTo(400);
    WebClient.Page stale = alice.postJson(base + "/files",
        roomFile("f1", handle, unsigned).replace("\"epoch\":1", "\"epoch\":2"), true);
    assertThat(stale.status()).as("sealed under an epoch the room is not at").isEqualTo(409);
    assertThat(stale.body()).contains("\"error\":\"StaleEpochException\"");
    assertThat(alice.postJson("/api/rooms/0123456789abcdef0123456789abcdef/files",
        roomFile("f1", handle, unsigned), true).status()).as("no such room").isEqualTo(404);

    WebClient bob = new WebClient(web.origin());
    assertThat(bob.signIn("bob", "bob-password").status()).isEqualTo(303);
    String bobs = uploaded(bob);
    WebClient.Page viewer = bob.postJson(base + "/files", roomFile("f2", bobs, unsigned), true);
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.body()).contains("\"error\":\"NotPermittedException\"");
    WebClient paul = new WebClient(web.origin());
    assertThat(paul.signIn("paul", "paul-password").status()).isEqualTo(303);
    assertThat(paul.get(base).status()).as("not a member, no SecuPass")
        .isEqualTo(409);
    assertThat(paul.get(base + "/entries").status()).isIn(403, 409);

    // Nothing was stored: the room lists only the SDK's own file, whose ciphertext the routes
    // serve by ranges once listed (409 before).
    assertThat(bob.download(base + "/files/" + room.javaFile().value(), "Range", "bytes=0-9")
        .statusCode()).isEqualTo(409);
    WebClient.Page entries = bob.get(base + "/entries");
    assertThat(entries.status()).isEqualTo(200);
    assertThat(entries.body()).contains("\"id\":\"" + room.javaFile().value() + "\"")
        .doesNotContain("\"id\":\"f1\"", "\"id\":\"f2\"");
    UserId aliceId = web.directory().byName("alice").orElseThrow().id();
    List<ClientRoomEntry> stored = web.sdk().relay().roomEntries(SignedInUser.employee(aliceId),
        room.id(), null);
    assertThat(stored).singleElement().satisfies(e -> assertThat(e.id()).isEqualTo(room.javaFile()));
    HttpResponse<InputStream> range = bob.download(base + "/files/" + room.javaFile().value(),
        "Range", "bytes=10-109");
    assertThat(range.statusCode()).isEqualTo(206);
    try (InputStream in = range.body();
        InputStream expected = web.sdk().relay().readRoomFile(SignedInUser.employee(aliceId),
            room.id(), room.javaFile(), 10, 100)) {
      assertThat(in.readAllBytes()).isEqualTo(expected.readAllBytes());
    }
    WebClient.Page copy = bob.get(base);
    assertThat(copy.status()).isEqualTo(200);
    assertThat(copy.body()).contains("\"log\":[\"", "\"envelopes\":[]",
        "\"role\":\"VIEWER\"");
    // The refused add kept alice's upload: the same handle still adds a file once it is right.
    assertThat(alice.postJson(base + "/files", roomFile("f1", handle, unsigned), true).body())
        .as("still refused for its field, not for a lost upload").contains("UnsupportedFormat");
  }
}
