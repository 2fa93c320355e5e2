package dev.secupass.samples.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.SecretSearch.Place;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret search finds what it is given where it is, and nothing where it is not. */
class SecretSearchTest {
  @TempDir Path folder;
  WebFixture web;
  WebClient alice;
  final Random random = new Random(20261206);

  @BeforeEach
  void start() {
    web = new WebFixture(folder);
    alice = new WebClient(web.origin());
    alice.signIn("alice", "alice-password");
  }

  @AfterEach
  void stop() {
    web.close();
  }

  @Test
  @DisplayName("Planted needles are found in a request (body, query, header), a table row and a"
      + " data-folder file, each only where it was planted, raw, URL-encoded and inside base64 or"
      + " hex; an absent one nowhere")
  void plantedNeedles_areFoundWhereTheyAre_andNowhereElse() throws IOException {
    String inBody = marker("body");
    alice.post("/secupass/lock", Map.of("note", inBody));
    String inQuery = marker("query");
    alice.get("/about?q=" + java.net.URLEncoder.encode(inQuery, StandardCharsets.UTF_8));
    byte[] inJson = new byte[20];
    random.nextBytes(inJson);
    alice.postJson("/api/recipients", "{\"note\": \"" + Base64.getEncoder().encodeToString(inJson)
        + "\"}", true);
    String inRow = marker("subject");
    Steps.send(alice, 2, "bob", inRow, "a.txt", "A", Map.of());
    byte[] inBlob = new byte[24];
    random.nextBytes(inBlob);
    // Across the search's 1 MiB window, so only the overlap of its windows finds it.
    byte[] file = new byte[(1 << 20) + 4096];
    random.nextBytes(file);
    System.arraycopy(inBlob, 0, file, (1 << 20) - 10, inBlob.length);
    Files.write(Files.createDirectories(folder.resolve("blobs").resolve("planted"))
        .resolve("file.bin"), file);
    byte[] inHexFile = new byte[16];
    random.nextBytes(inHexFile);
    Files.writeString(folder.resolve("blobs").resolve("planted").resolve("hex.txt"),
        "x" + HexFormat.of().formatHex(inHexFile) + "y");

    SecretSearch.Findings found = web.secrets().find(Needle.text("body", inBody),
        Needle.text("query", inQuery), new Needle("json", inJson), Needle.text("subject", inRow),
        new Needle("blob", inBlob), new Needle("hex", inHexFile),
        Needle.text("absent", marker("absent")));

    assertThat(found.places("body")).as(found.toString()).containsExactly(Place.REQUEST);
    assertThat(found.of("body")).extracting(SecretSearch.Finding::where)
        .allMatch(where -> where.startsWith("POST /secupass/lock"));
    assertThat(found.of("query")).extracting(SecretSearch.Finding::where)
        .allMatch(where -> where.startsWith("GET /about"));
    assertThat(found.of("json")).extracting(SecretSearch.Finding::where)
        .allMatch(where -> where.startsWith("POST /api/recipients"));
    // The level-2 subject came in the send form and is stored in clear, as the level allows
    // (in its row, and so in H2's own file if it was written out yet).
    assertThat(found.places("subject")).contains(Place.REQUEST, Place.DATABASE_ROW);
    assertThat(found.of("subject")).filteredOn(f -> f.place() == Place.DATA_FILE)
        .extracting(SecretSearch.Finding::where).allMatch(where -> where.startsWith("db"));
    assertThat(found.places("blob")).containsExactly(Place.DATA_FILE);
    assertThat(found.of("blob")).extracting(SecretSearch.Finding::where)
        .containsExactly(Path.of("blobs", "planted", "file.bin").toString());
    assertThat(found.of("hex")).extracting(SecretSearch.Finding::where)
        .containsExactly(Path.of("blobs", "planted", "hex.txt").toString());
    assertThat(found.places("absent")).isEmpty();
  }

  @Test
  @DisplayName("The SecuPass typed into the server's own dialog (POST /secupass: levels 3-4, data"
      + " rooms and Settings when posted without the page's script) reaches the server in"
      + " that request, but no table row or file; at levels 3-4 the pages use the browser client,"
      + " whose SecuPass never reaches the server (BrowserStoryTest); plaintext posted to the"
      + " server's send form is stored encrypted only")
  void serverDialogsSecuPass_isInItsRequest_butNeverStored() {
    String secuPass = "alice's " + marker("secupass");
    Steps.chooseSecuPass(alice, secuPass);
    String content = marker("file content");
    String message = marker("top secret message");
    // The server's own send route, which stays for clients without the page's script.
    Steps.send(alice, 3, "bob", "Three", "three.txt", content, Map.of());
    // The extra fields replace the form's message.
    Steps.send(alice, 4, "paul", "Four", "four.txt", "four", Map.of("message", message));

    SecretSearch.Findings found = web.secrets().find(Needle.text("secupass", secuPass),
        Needle.text("content", content), Needle.text("message", message));

    assertThat(found.places("secupass")).as(found.toString()).containsExactly(Place.REQUEST);
    assertThat(found.of("secupass")).extracting(SecretSearch.Finding::where)
        .allMatch(where -> where.startsWith("POST /secupass"));
    assertThat(found.places("content")).containsExactly(Place.REQUEST);
    assertThat(found.places("message")).containsExactly(Place.REQUEST);
  }

  private String marker(String what) {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return what + " " + HexFormat.of().formatHex(bytes);
  }
}
