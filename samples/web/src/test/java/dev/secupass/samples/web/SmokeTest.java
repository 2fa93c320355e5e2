package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.Steps;
import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path folder;

  @Test
  void levelTwo_sentByAlice_opensForPat() throws Exception {
    try (WebFixture web = new WebFixture(folder)) {
      WebClient alice = new WebClient(web.origin());
      assertThat(alice.signIn("alice", "alice-password").status()).isEqualTo(303);
      String id = Steps.send(alice, 2, "pat", "Hello", "a.txt", "content A", Map.of());
      WebClient pat = new WebClient(web.origin());
      pat.signIn("pat", "pat-password");
      WebClient.Page inbox = pat.open("/inbox");
      System.out.println(inbox.body());
      WebClient.Page opened = pat.post("/deliveries/" + id + "/open", Map.of());
      System.out.println(opened.status() + " " + opened.location());
      WebClient.Page page = pat.open("/deliveries/" + id);
      System.out.println(page.body());
      System.out.println(alice.get("/mails").body());
    }
  }
}
