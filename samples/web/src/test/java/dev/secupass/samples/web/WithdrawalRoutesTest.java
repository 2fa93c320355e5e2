package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.web.testing.Steps;
import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Withdrawing from the Sent page over plain HTTP, the server's ways: a level-1 delivery in browser
 * mode (no key needed), and a level-3 delivery with {@code browserClient(false)}, signed by the
 * server's SecuPass session after the dialog asked for it. BrowserSettingsTest withdraws level 3
 * in the page.
 */
class WithdrawalRoutesTest {
  private static final String SECUPASS = "alice's server secupass";

  @TempDir Path folder;

  @Test
  void levelOne_withdrawnOnTheServer_recipientToldItIsWithdrawn() {
    try (WebFixture web = new WebFixture(folder)) {
      WebClient alice = signedIn(web, "alice");
      String id = Steps.send(alice, 1, "bob", "Minutes", "minutes.txt", "the minutes", Map.of());
      assertThat(alice.get("/outbox/" + id).body()).contains("id=\"withdraw-delivery\"")
          .doesNotContain("data-in-browser");
      WebClient.Page withdrawn = alice.post("/outbox/" + id + "/withdraw", Map.of());
      assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(303);
      assertThat(alice.get("/outbox/" + id).body()).contains("You withdrew the delivery",
          "id=\"withdrawn\"").doesNotContain("id=\"withdraw-delivery\"");
      assertThat(signedIn(web, "bob").get("/deliveries/" + id).body())
          .contains("alice withdrew this delivery").doesNotContain("id=\"open-delivery\"");
      assertThat(signedIn(web, "bob").post("/outbox/" + id + "/withdraw", Map.of()).status())
          .as("not bob's to withdraw").isEqualTo(404);
    }
  }

  @Test
  void levelThree_onTheServer_signedByTheServersSession_afterTheDialog() {
    try (WebFixture web = new WebFixture(folder, settings -> settings.withBrowserClient(false))) {
      WebClient alice = signedIn(web, "alice");
      Steps.chooseSecuPass(alice, SECUPASS);
      String id = Steps.send(alice, 3, "bob", "Plan", "plan.txt", "the plan", Map.of());
      alice.post("/secupass/lock", Map.of());
      WebClient.Page asked = alice.post("/outbox/" + id + "/withdraw", Map.of());
      assertThat(asked.body()).contains("id=\"secupass-dialog\"");
      assertThat(alice.get("/outbox/" + id).body()).doesNotContain("id=\"withdrawn\"");
      WebClient.Page withdrawn = alice.post("/outbox/" + id + "/withdraw", Steps.unlock(SECUPASS));
      assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(303);
      assertThat(alice.get("/outbox/" + id).body()).contains("id=\"withdrawn\"");
    }
  }

  private static WebClient signedIn(WebFixture web, String name) {
    WebClient client = new WebClient(web.origin());
    assertThat(client.signIn(name, name + "-password").status()).isEqualTo(303);
    return client;
  }
}
