package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.GeneratedStream;
import dev.secupass.samples.web.testing.SecretSearch;
import dev.secupass.samples.web.testing.Steps;
import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files larger than this test JVM's whole heap (the module's tests run with {@code -Xmx128m}) go
 * up and down through the sample: nothing may hold a file in memory. The size is {@value
 * #DEFAULT_MIB} MiB, or the system property {@code secupass.web.largeFileMiB}.
 */
class LargeFileStreamingTest {
  private static final int DEFAULT_MIB = 160;
  private static final long SIZE = Long.getLong("secupass.web.largeFileMiB", DEFAULT_MIB) << 20;
  private static final Pattern FILE_LINK = Pattern.compile("href=\"(/(?:deliveries|rooms)/[^\"]+"
      + "/files/[^\"]+)\"");

  @TempDir Path folder;

  @Test
  void delivery_largerThanTheHeap_streamsThroughSpoolEncryptionAndDownload() throws Exception {
    assertThat(SIZE).isGreaterThan(Runtime.getRuntime().maxMemory());
    try (WebFixture web = WebFixture.withoutRecording(folder)) {
      WebClient alice = new WebClient(web.origin());
      alice.signIn("alice", "alice-password");
      alice.open("/compose");
      GeneratedStream upload = new GeneratedStream(SIZE, 7);
      WebClient.Page spooled = alice.upload("/spool", "large.bin", () -> upload, true);
      assertThat(spooled.status()).as(spooled.body()).isEqualTo(200);
      byte[] sent = upload.sha256Digest();
      assertThat(spoolHoldsNoPlaintextPrefix(folder.resolve("web-spool"))).isTrue();
      CompletableFuture<WebClient.Page> sending = CompletableFuture.supplyAsync(() -> alice.post(
          "/send", Map.of("to", "paul", "level", "2", "subject", "Large", "days", "7", "file",
              spooled.body())));
      Set<String> progress = new TreeSet<>();
      while (!sending.isDone()) {
        progress.add(alice.get("/send/progress").body());
      }
      WebClient.Page result = sending.get();
      assertThat(result.status()).as(result.body()).isEqualTo(303);
      assertThat(progress).anyMatch(p -> p.matches("Encrypting large\\.bin: [1-9]\\d?%"));
      assertThat(alice.get("/send/progress").body()).isEmpty();
      assertThat(folder.resolve("web-spool")).isEmptyDirectory();
      String id = result.location().substring("/outbox/".length());

      WebClient paul = new WebClient(web.origin());
      paul.signIn("paul", "paul-password");
      paul.post("/deliveries/" + id + "/open", Map.of());
      assertThat(downloadDigest(paul, "/deliveries/" + id)).isEqualTo(sent);
    }
  }

  @Test
  void roomFile_largerThanTheHeap_streamsUpAndDown() throws Exception {
    // The server's room pages (the browser client's rooms upload from the page).
    try (WebFixture web = WebFixture.withoutRecording(folder,
        settings -> settings.withBrowserClient(false))) {
      WebClient alice = new WebClient(web.origin());
      alice.signIn("alice", "alice-password");
      WebClient.Page created = alice.post("/rooms", Map.of("name", "Big files",
          "secupass_mode", "activate", "secupass", "alice secupass",
          "secupass_confirm", "alice secupass"));
      assertThat(created.status()).as(created.body()).isEqualTo(303);
      String room = created.location();
      alice.open(room);
      GeneratedStream upload = new GeneratedStream(SIZE, 11);
      WebClient.Page uploaded = alice.upload(room + "/upload", "big.bin", () -> upload, true);
      assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
      assertThat(downloadDigest(alice, room)).isEqualTo(upload.sha256Digest());
    }
  }

  private static byte[] downloadDigest(WebClient client, String page) throws Exception {
    Matcher link = FILE_LINK.matcher(client.open(page).body());
    assertThat(link.find()).as("a file link on " + page).isTrue();
    HttpResponse<InputStream> response = client.download(link.group(1));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    try (InputStream body = response.body()) {
      return GeneratedStream.sha256Of(body);
    }
  }

  /** The spooled file does not start with the plaintext's first bytes (it is encrypted). */
  private static boolean spoolHoldsNoPlaintextPrefix(Path spool) throws Exception {
    byte[] plaintextStart = new byte[64];
    new GeneratedStream(SIZE, 7).read(plaintextStart, 0, plaintextStart.length);
    try (Stream<Path> files = Files.list(spool)) {
      Path only = files.findFirst().orElseThrow();
      assertThat(Files.size(only)).isGreaterThan(SIZE);
      try (InputStream in = Files.newInputStream(only)) {
        return SecretSearch.indexOf(in.readNBytes(1 << 20), plaintextStart) < 0;
      }
    }
  }
}
