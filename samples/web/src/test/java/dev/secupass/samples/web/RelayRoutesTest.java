package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
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
  void notJson_400() {
    assertThat(alice.postJson("/api/recipients", "to=paul", true).status()).isEqualTo(400);
  }

  @Test
  void damagedUpload_400_andNoHandle() {
    byte[] junk = new byte[5000];
    new Random(2).nextBytes(junk);
    WebClient.Page page = alice.postBytes("/api/uploads", junk, "Content-Type",
        "application/octet-stream", "X-Stored-Size", "5000");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).doesNotContain("\"upload\"");
    WebClient.Page unsized = alice.postBytes("/api/uploads", junk, "Content-Type",
        "application/octet-stream");
    assertThat(unsized.status()).isEqualTo(400);
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
}
