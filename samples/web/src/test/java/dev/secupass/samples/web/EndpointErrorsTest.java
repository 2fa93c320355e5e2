package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.Steps;
import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each endpoint's refusals, over plain HTTP: status codes and what the page says. */
class EndpointErrorsTest {
  private static final String ALICE_PASS = "alice secupass 1";
  private static final String PAUL_PASS = "paul secupass 1";

  @TempDir Path folder;
  WebFixture web;
  WebClient alice;
  WebClient paul;

  @BeforeEach
  void start() {
    web = new WebFixture(folder, s -> s.withMaxUploadBytes(1024 * 1024));
    alice = new WebClient(web.origin());
    paul = new WebClient(web.origin());
    assertThat(alice.signIn("alice", "alice-password").status()).isEqualTo(303);
    assertThat(paul.signIn("paul", "paul-password").status()).isEqualTo(303);
  }

  @AfterEach
  void stop() {
    web.close();
  }

  @Nested
  @DisplayName("CSRF")
  class Csrf {
    @Test
    void post_withoutToken_isRefused403() {
      WebClient.Page page = alice.postRaw("/secupass/lock", Map.of());
      assertThat(page.status()).isEqualTo(403);
      assertThat(page.body()).contains("security token is missing or out of date");
    }

    @Test
    void post_withAnotherSessionsToken_isRefused403() {
      WebClient.Page page = alice.postRaw("/send", Map.of("_csrf", paul.csrf(), "to", "paul"));
      assertThat(page.status()).isEqualTo(403);
    }

    @Test
    void signIn_withoutToken_isRefused403_andSignsNobodyIn() {
      WebClient stranger = new WebClient(web.origin());
      stranger.open("/sign-in");
      WebClient.Page page = stranger.postRaw("/sign-in",
          Map.of("username", "alice", "password", "alice-password"));
      assertThat(page.status()).isEqualTo(403);
      assertThat(stranger.get("/inbox").status()).isEqualTo(302);
    }

    @Test
    void upload_withoutTokenHeader_isRefused403() {
      WebClient.Page page = alice.upload("/spool", "a.txt", new byte[10], false);
      assertThat(page.status()).isEqualTo(403);
    }
  }

  @Nested
  @DisplayName("SecuPass")
  class SecuPass {
    @Test
    void unlock_wrongSecuPass_isRefused403_withTheDialogAgain() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      alice.post("/secupass/lock", Map.of());
      WebClient.Page page = alice.post("/secupass",
          Map.of("next", "/settings", "secupass_mode", "unlock", "secupass", "not it at all"));
      assertThat(page.status()).isEqualTo(403);
      assertThat(page.body()).contains("Wrong SecuPass").contains("id=\"secupass-dialog\"")
          .doesNotContain("not it at all");
    }

    @Test
    void levelThreeSend_withoutSecuPass_showsTheChooseDialog_keepingTheForm() {
      alice.open("/compose");
      String handle = alice.upload("/spool", "a.txt",
          () -> new ByteArrayInputStream(new byte[10]), true).body();
      WebClient.Page page = alice.post("/send", Map.of("to", "paul", "level", "3",
          "subject", "S", "days", "7", "file", handle));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("Choose a SecuPass").contains("action=\"/send\"")
          .contains("name=\"file\" value=\"" + handle + "\"");
    }

    @Test
    void activation_withDifferingConfirmation_isRefused400() {
      WebClient.Page page = alice.post("/secupass", Map.of("next", "/", "secupass_mode",
          "activate", "secupass", ALICE_PASS, "secupass_confirm", "something else"));
      assertThat(page.status()).isEqualTo(400);
      assertThat(page.body()).contains("The two entries differ");
      assertThat(web.sdk().secuPass().hasSecuPass(dev.secupass.api.UserId.of("alice"))).isFalse();
    }
  }

  @Nested
  @DisplayName("Opening")
  class Opening {
    @Test
    void open_byNonRecipient_isRefused403() {
      String id = Steps.send(alice, 2, "paul", "For Paul", "a.txt", "A", Map.of());
      WebClient bob = new WebClient(web.origin());
      bob.signIn("bob", "bob-password");
      WebClient.Page page = bob.post("/deliveries/" + id + "/open", Map.of());
      assertThat(page.status()).isEqualTo(403);
      assertThat(page.body()).contains("is not a recipient of this delivery");
    }

    @Test
    void open_afterExpiry_isRefused410() {
      String id = Steps.send(alice, 2, "paul", "Soon gone", "a.txt", "A", Map.of());
      web.clock().advance(Duration.ofDays(8));
      paul.signIn("paul", "paul-password");
      WebClient.Page page = paul.post("/deliveries/" + id + "/open", Map.of());
      assertThat(page.status()).isEqualTo(410);
      assertThat(page.body()).contains("this delivery expired");
    }

    @Test
    void download_beforeOpening_isRefused409() {
      String id = Steps.send(alice, 2, "paul", "Later", "a.txt", "A", Map.of());
      WebClient.Page page = paul.get("/deliveries/" + id + "/files/0123456789abcdef");
      assertThat(page.status()).isEqualTo(409);
    }

    @Test
    void link_withWrongToken_isRefused403_andMalformedOne404() {
      String id = Steps.send(alice, 1, "paul", "By link", "a.txt", "A", Map.of());
      WebClient stranger = new WebClient(web.origin());
      String wrong = "A".repeat(43);
      assertThat(stranger.get("/link/" + id + "/" + wrong).status()).isEqualTo(302);
      WebClient.Page page = stranger.post("/link/" + id + "/open", Map.of());
      assertThat(page.status()).isEqualTo(403);
      assertThat(page.body()).contains("this link does not open the delivery");
      assertThat(stranger.get("/link/" + id + "/short").status()).isEqualTo(404);
    }

    @Test
    void levelThreeOpen_withoutSecuPass_showsTheChooseDialog() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String id = Steps.send(alice, 3, "paul", "Secret", "a.txt", "A", Map.of());
      WebClient.Page page = paul.post("/deliveries/" + id + "/open", Map.of());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("Choose a SecuPass")
          .contains("action=\"/deliveries/" + id + "/open\"");
    }
  }

  @Nested
  @DisplayName("Sessions")
  class Sessions {
    @Test
    void pages_withoutSignIn_redirectToSignIn() {
      WebClient stranger = new WebClient(web.origin());
      WebClient.Page page = stranger.get("/inbox");
      assertThat(page.status()).isEqualTo(302);
      assertThat(page.location()).isEqualTo("/sign-in?next=%2Finbox");
    }

    @Test
    void idleSession_expires_andItsSecuPassSessionStopsReleasingGrants() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String id = Steps.send(alice, 3, "paul", "Secret", "a.txt", "A", Map.of());
      web.clock().advance(WebSettings.DEFAULT_IDLE.plusMinutes(1));
      assertThat(web.sample().sessions().sweep()).isEqualTo(2);
      WebClient.Page page = alice.get("/outbox");
      assertThat(page.status()).isEqualTo(302);
      // Had Alice's SecuPass session stayed open, Pat's activation would release the delivery.
      paul.signIn("paul", "paul-password");
      Steps.chooseSecuPass(paul, PAUL_PASS);
      WebClient.Page open = paul.post("/deliveries/" + id + "/open", Map.of());
      assertThat(open.status()).isEqualTo(202);
      assertThat(open.body()).contains("Waiting for the sender");
    }

    @Test
    void session_endsAtItsLifetime_evenWhileInUse() {
      for (Duration used = Duration.ZERO; used.compareTo(WebSettings.DEFAULT_LIFETIME) < 0;
          used = used.plusMinutes(20)) {
        assertThat(alice.get("/inbox").status()).as("after " + used).isEqualTo(200);
        web.clock().advance(Duration.ofMinutes(20));
      }
      assertThat(alice.get("/inbox").status()).isEqualTo(302);
    }

    @Test
    void signIn_replacesTheSessionCookie_soAPlantedIdIsWorthless() {
      WebClient stranger = new WebClient(web.origin());
      String before = stranger.open("/sign-in").header("Set-Cookie");
      String after = stranger.post("/sign-in", Map.of("username", "bob", "password",
          "bob-password")).header("Set-Cookie");
      assertThat(before).startsWith("secupass_web=");
      assertThat(after).startsWith("secupass_web=").isNotEqualTo(before);
    }

    @Test
    void signOut_endsTheSession_andItsSecuPassSession() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String id = Steps.send(alice, 3, "paul", "Secret", "a.txt", "A", Map.of());
      assertThat(alice.post("/sign-out", Map.of()).status()).isEqualTo(303);
      assertThat(alice.get("/inbox").status()).isEqualTo(302);
      Steps.chooseSecuPass(paul, PAUL_PASS);
      assertThat(paul.post("/deliveries/" + id + "/open", Map.of()).status()).isEqualTo(202);
    }

    @Test
    void openSecuPassSession_holdsAFirstContactUntilTheSafetyWordsAreConfirmed() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String id = Steps.send(alice, 3, "paul", "Secret", "a.txt", "A", Map.of());
      Steps.chooseSecuPass(paul, PAUL_PASS);
      // Paul's keys were never verified: the default first-contact policy holds the release.
      WebClient.Page waiting = paul.post("/deliveries/" + id + "/open", Map.of());
      assertThat(waiting.status()).isEqualTo(202);
      Matcher words = Pattern.compile("id=\"safety-words\">([a-z ]+)<").matcher(waiting.body());
      assertThat(words.find()).isTrue();
      Matcher grant = Pattern.compile("name=\"grant\" value=\"([^\"]+)\"")
          .matcher(alice.get("/outbox/" + id).body());
      assertThat(grant.find()).isTrue();
      assertThat(alice.post("/grants/confirm", Map.of("grant", grant.group(1), "delivery", id,
          "words", words.group(1))).status()).isEqualTo(303);
      WebClient.Page open = paul.post("/deliveries/" + id + "/open", Map.of());
      assertThat(open.status()).isEqualTo(303);
    }

    @Test
    void guest_wrongPassword_isRefused403() {
      WebClient stranger = new WebClient(web.origin());
      stranger.open("/sign-in");
      WebClient.Page page = stranger.post("/guest/sign-in",
          Map.of("username", "nobody", "password", "wrong password 123"));
      assertThat(page.status()).isEqualTo(403);
      assertThat(page.body()).contains("Wrong username or password.");
    }

    @Test
    void guest_cannotSeeAnInbox_403() {
      Steps.send(alice, 2, "gina@example.org", "Hi", "a.txt", "A", Map.of());
      String link = web.sample().mails().mails().stream()
          .filter(m -> m.to().equals("gina@example.org")).findFirst().orElseThrow()
          .linkPath().orElseThrow();
      WebClient gina = new WebClient(web.origin());
      gina.get(link);
      gina.open("/guest/welcome");
      WebClient.Page registered = gina.post("/guest/register", Map.of("username", "gina",
          "password", "gina password 1", "password_confirm", "gina password 1"));
      assertThat(registered.status()).isEqualTo(303);
      assertThat(gina.get("/inbox").status()).isEqualTo(403);
    }
  }

  @Nested
  @DisplayName("Uploads and downloads")
  class Files {
    @Test
    void upload_overTheLimit_isRefused413_andKeepsNothing() {
      alice.open("/compose");
      WebClient.Page page = alice.upload("/spool", "big.bin",
          () -> new ByteArrayInputStream(new byte[1024 * 1024 + 1]), true);
      assertThat(page.status()).isEqualTo(413);
      assertThat(folder.resolve("web-spool")).isEmptyDirectory();
    }

    @Test
    void download_isAnAttachmentThatCannotRunInTheSamplesOrigin() throws Exception {
      String html = "<html><script>alert(document.cookie)</script></html>";
      String id = Steps.send(alice, 2, "paul", "Page", "evil.html", html, Map.of());
      paul.post("/deliveries/" + id + "/open", Map.of());
      String file = fileLink(paul.open("/deliveries/" + id).body());
      var response = paul.download(file);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue(
          "application/octet-stream");
      assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
          "attachment; filename=\"evil.html\"; filename*=UTF-8''evil.html");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("sandbox").contains("default-src 'none'");
      try (var body = response.body()) {
        assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(html);
      }
    }

    @Test
    void download_withRange_answers206WithThoseBytes_and416OutsideTheFile() throws Exception {
      String id = Steps.send(alice, 2, "paul", "Digits", "digits.txt", "0123456789", Map.of());
      paul.post("/deliveries/" + id + "/open", Map.of());
      String file = fileLink(paul.open("/deliveries/" + id).body());
      var partial = paul.download(file, "Range", "bytes=3-6");
      assertThat(partial.statusCode()).isEqualTo(206);
      assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 3-6/10");
      try (var body = partial.body()) {
        assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo("3456");
      }
      var outside = paul.download(file, "Range", "bytes=10-");
      assertThat(outside.statusCode()).isEqualTo(416);
      assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */10");
    }

    @Test
    void pages_carryTheSecurityHeaders() {
      for (String path : new String[] {"/sign-in", "/static/app.js"}) {
        WebClient.Page page = alice.get(path);
        assertThat(page.status()).as(path).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).as(path)
            .contains("script-src 'self'").contains("frame-ancestors 'none'")
            .doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      }
      assertThat(new WebClient(web.origin()).get("/sign-in").header("Set-Cookie"))
          .contains("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void upload_asMultipart_isRefused400() {
      alice.open("/compose");
      WebClient.Page page = alice.postRaw("/spool", Map.of("_csrf", alice.csrf()));
      assertThat(page.status()).isEqualTo(400);
    }
  }

  private static String fileLink(String page) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("href=\"(/deliveries/[^\"]+/files/[^\"]+)\"").matcher(page);
    assertThat(m.find()).as("a file link on the page").isTrue();
    return m.group(1);
  }
}
