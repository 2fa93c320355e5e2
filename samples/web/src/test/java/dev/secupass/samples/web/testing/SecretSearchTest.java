package dev.secupass.samples.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.SecretSearch.Place;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  @DisplayName("Planted needles are found in a request body, a table row and a blob file, each"
      + " only where it was planted; an absent one nowhere")
  void plantedNeedles_areFoundWhereTheyAre_andNowhereElse() throws IOException {
    String inBody = marker("body");
    alice.post("/secupass/lock", Map.of("note", inBody));
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

    SecretSearch.Findings found = web.secrets().find(Needle.text("body", inBody),
        Needle.text("subject", inRow), new Needle("blob", inBlob),
        Needle.text("absent", marker("absent")));

    assertThat(found.places("body")).as(found.toString()).containsExactly(Place.REQUEST_BODY);
    assertThat(found.of("body")).extracting(SecretSearch.Finding::where)
        .allMatch(where -> where.startsWith("POST /secupass/lock"));
    // The level-2 subject came in the send form and is stored in clear, as the level allows.
    assertThat(found.places("subject")).containsExactlyInAnyOrder(Place.REQUEST_BODY,
        Place.DATABASE_ROW);
    assertThat(found.places("blob")).containsExactly(Place.BLOB_FILE);
    assertThat(found.of("blob")).extracting(SecretSearch.Finding::where)
        .containsExactly(Path.of("planted", "file.bin").toString());
    assertThat(found.places("absent")).isEmpty();
  }

  @Test
  @DisplayName("Today the SecuPass typed into the server-side dialog reaches the server in a"
      + " request body (the browser client is to end that), but no table row or blob; level 3-4"
      + " plaintext arrives in the upload and is stored encrypted only")
  void secuPass_isInTheDialogsRequestBody_today_butNeverStored() {
    String secuPass = "alice's " + marker("secupass");
    Steps.chooseSecuPass(alice, secuPass);
    String content = marker("file content");
    String message = marker("top secret message");
    Steps.send(alice, 3, "bob", "Three", "three.txt", content, Map.of());
    // The extra fields replace the form's message.
    Steps.send(alice, 4, "paul", "Four", "four.txt", "four", Map.of("message", message));

    SecretSearch.Findings found = web.secrets().find(Needle.text("secupass", secuPass),
        Needle.text("content", content), Needle.text("message", message));

    assertThat(found.places("secupass")).as(found.toString())
        .containsExactly(Place.REQUEST_BODY);
    assertThat(found.of("secupass")).extracting(SecretSearch.Finding::where)
        .anyMatch(where -> where.startsWith("POST /secupass"));
    assertThat(found.places("content")).containsExactly(Place.REQUEST_BODY);
    assertThat(found.places("message")).containsExactly(Place.REQUEST_BODY);
  }

  private String marker(String what) {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return what + " " + HexFormat.of().formatHex(bytes);
  }
}
