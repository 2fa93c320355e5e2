package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.UserId;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.samples.web.host.SentMail;
import dev.secupass.samples.web.testing.SecretSearch;
import dev.secupass.samples.web.testing.SecretSearch.Needle;
import dev.secupass.samples.web.testing.Steps;
import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pages say, over plain HTTP: people and deliveries by name (never an internal id), who
 * sent a guest what, the level-1 link on the sender's page, the step before removing a room
 * member, confirming a held room member's safety words, and the page for unknown addresses.
 */
class PagesTest {
  private static final String ALICE_PASS = "alice secupass 1";
  private static final String PAUL_PASS = "paul secupass 1";
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");

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

  @Nested
  @DisplayName("Names, not ids")
  class Names {
    @Test
    @DisplayName("A guest's pages say who sent what; titles, mails and lists name people, and"
        + " the waiting page says it can be closed")
    void guestPages_sayWhoSentWhat_inPeoplesWords() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String secret = Steps.send(alice, 3, "gina@example.org", "Contract", "c.txt", "C",
          Map.of());
      String top = Steps.send(alice, 4, "gina@example.org", "Hidden", "h.txt", "H", Map.of());
      assertThat(alice.get("/outbox").body()).contains("gina@example.org");
      WebClient gina = guest("gina@example.org", "gina");

      String home = visible(gina.get("/guest").body());
      assertThat(home).contains("alice: \u201cContract\u201d", "3 secret",
          "alice: (subject end-to-end encrypted)", "4 top secret");
      String unopened = gina.get("/deliveries/" + secret).body();
      assertThat(visible(unopened)).contains("Delivery from alice", "Contract", "3 secret")
          .doesNotContain(secret);
      assertThat(visible(gina.get("/deliveries/" + top).body())).contains("Delivery from alice")
          .doesNotContain("Hidden");

      gina.open("/deliveries/" + secret);
      WebClient.Page waiting = gina.post("/deliveries/" + secret + "/open",
          Steps.activate("gina secupass 1"));
      assertThat(waiting.status()).isEqualTo(202);
      assertThat(visible(waiting.body())).contains("From alice", "Contract", "alice has been told",
          "You can close this page: a mail tells you when the delivery is released");

      for (SentMail mail : web.sample().mails().mails()) {
        assertThat(mail.subject() + " " + mail.body() + " " + mail.to()).as("a mail")
            .doesNotContainPattern(HEX_ID).doesNotContain("guest-");
      }
      for (String page : new String[] {home, unopened, alice.get("/outbox").body(),
          alice.get("/outbox/" + secret).body()}) {
        assertThat(visible(page)).doesNotContainPattern(HEX_ID).doesNotContain("guest-");
      }
    }

    @Test
    void sending_saysToWhomByName() {
      String id = Steps.send(alice, 2, "bob, gina@example.org", "Plan", "p.txt", "P", Map.of());
      assertThat(visible(alice.get("/outbox/" + id).body()))
          .contains("Sent at level 2 to bob, gina@example.org.");
      assertThat(visible(alice.get("/outbox").body())).contains("bob", "gina@example.org");
    }
  }

  @Nested
  @DisplayName("Level-1 link")
  class LevelOneLink {
    @Test
    @DisplayName("The sender's Sent page shows the link with a copy button, and the link opens"
        + " the delivery without sign-in; its token is in no row or data file")
    void sentPage_showsTheLink_whichOpensTheDelivery() {
      String id = Steps.send(alice, 1, "bob", "Minutes", "minutes.txt", "the minutes", Map.of());
      String page = alice.get("/outbox/" + id).body();
      Matcher link = Pattern.compile("id=\"share-link\" readonly value=\"([^\"]+)\"")
          .matcher(page);
      assertThat(link.find()).as("the link on the Sent page").isTrue();
      assertThat(page).contains("data-copy=\"share-link\"");
      String path = link.group(1).substring(web.origin().length());
      assertThat(path).startsWith("/link/" + id + "/");

      WebClient stranger = new WebClient(web.origin());
      assertThat(stranger.get(path).location()).isEqualTo("/link/" + id);
      stranger.open("/link/" + id);
      assertThat(stranger.post("/link/" + id + "/open", Map.of()).status()).isEqualTo(303);
      assertThat(stranger.get("/deliveries/" + id).body()).contains("minutes.txt");

      // The SDK keeps only the token's hash: the link reached the server in the stranger's
      // request, and no row or data file holds it.
      String token = path.substring(("/link/" + id + "/").length());
      SecretSearch.Findings found = web.secrets().find(Needle.text("the link's token", token));
      assertThat(found.places("the link's token")).as(found.toString())
          .containsExactly(SecretSearch.Place.REQUEST);
    }

    @Test
    void otherLevels_andOtherSessions_showNoLink() {
      String login = Steps.send(alice, 2, "bob", "Plan", "p.txt", "P", Map.of());
      assertThat(alice.get("/outbox/" + login).body()).doesNotContain("share-link");
      String id = Steps.send(alice, 1, "bob", "Minutes", "m.txt", "M", Map.of());
      WebClient again = new WebClient(web.origin());
      again.signIn("alice", "alice-password");
      assertThat(again.get("/outbox/" + id).body()).doesNotContain("share-link");
    }
  }

  @Nested
  @DisplayName("Data rooms on the server's pages (browserClient(false); BrowserStoryTest runs the"
      + " browser's)")
  class Rooms {
    @BeforeEach
    void onTheServer() {
      web.close();
      web = new WebFixture(folder.resolve("server"), settings -> settings.withBrowserClient(false));
      alice = new WebClient(web.origin());
      assertThat(alice.signIn("alice", "alice-password").status()).isEqualTo(303);
    }

    @Test
    @DisplayName("Removing a member takes a confirmation step; a removal posted without it"
        + " removes nobody")
    void removingAMember_takesAConfirmationStep() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String room = createRoom("Board");
      assertThat(alice.post(room + "/members", Map.of("member", "bob", "role", "editor"))
          .status()).isEqualTo(303);
      String roomPage = alice.get(room).body();
      assertThat(roomPage).contains("href=\"" + room + "/members/bob/remove\"")
          .doesNotContain("action=\"" + room + "/members/bob/remove\"");

      WebClient.Page unconfirmed = alice.post(room + "/members/bob/remove", Map.of());
      assertThat(unconfirmed.status()).isEqualTo(303);
      assertThat(unconfirmed.location()).isEqualTo(room + "/members/bob/remove");
      assertThat(visible(alice.get(room).body())).contains("bob");

      WebClient.Page step = alice.open(room + "/members/bob/remove");
      assertThat(step.status()).isEqualTo(200);
      assertThat(visible(step.body())).contains("Remove bob from \u201cBoard\u201d?",
          "new key epoch");
      assertThat(step.body()).contains("id=\"cancel-remove\"");
      WebClient.Page removed = alice.post(room + "/members/bob/remove",
          Map.of("confirmed", "yes"));
      assertThat(removed.status()).isEqualTo(303);
      assertThat(alice.get(room).body()).doesNotContain("/members/bob/remove");
    }

    @Test
    @DisplayName("A member held for first-contact confirmation: the room page shows their safety"
        + " words; other words are refused and grant nothing; theirs give the room key")
    void heldMember_isConfirmedWithTheSafetyWordsTheyReadOut() {
      WebClient paul = new WebClient(web.origin());
      paul.signIn("paul", "paul-password");
      Steps.chooseSecuPass(paul, PAUL_PASS);
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String room = createRoom("Due diligence");
      alice.post(room + "/members", Map.of("member", "paul", "role", "editor"));
      String page = alice.get(room).body();
      SafetyWords pauls = SafetyWords.of(web.sdk().secuPass().fingerprint(UserId.of("paul"))
          .orElseThrow());
      assertThat(visible(page)).contains("waiting for you to confirm their safety words",
          "Their safety words are " + pauls);
      Matcher grant = Pattern.compile("name=\"grant\" value=\"([^\"]+)\"").matcher(page);
      assertThat(grant.find()).isTrue();
      assertThat(paul.get(room).status()).as("no key yet").isEqualTo(403);
      assertThat(alice.get("/notices").body()).as("the notice leads to the words")
          .contains("paul has chosen a SecuPass", "href=\"" + room
              + "\">Compare their safety words</a>");

      SafetyWords others = SafetyWords.of(web.sdk().secuPass().fingerprint(UserId.of("alice"))
          .orElseThrow());
      WebClient.Page refused = alice.post("/grants/confirm", Map.of("grant", grant.group(1),
          "room", roomId(room), "words", others.toString()));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(visible(refused.body())).contains("These are not the safety words of paul's"
          + " keys, so nothing was granted");
      assertThat(paul.get(room).status()).as("still no key").isEqualTo(403);

      WebClient.Page confirmed = alice.post("/grants/confirm", Map.of("grant", grant.group(1),
          "room", roomId(room), "words", pauls.toString()));
      assertThat(confirmed.status()).isEqualTo(303);
      assertThat(confirmed.location()).isEqualTo(room);
      assertThat(visible(alice.get(room).body())).contains("paul has the room key now")
          .doesNotContain("Their safety words are");
      WebClient.Page opened = paul.get(room);
      assertThat(opened.status()).isEqualTo(200);
      assertThat(visible(opened.body())).contains("Due diligence");
    }

    private String createRoom(String name) {
      WebClient.Page created = alice.post("/rooms", Map.of("name", name));
      assertThat(created.status()).as(created.body()).isEqualTo(303);
      return created.location();
    }

    private static String roomId(String roomPath) {
      return roomPath.substring("/rooms/".length());
    }
  }

  @Nested
  @DisplayName("Page not found")
  class NotFound {
    @Test
    void unknownPath_getsTheSamplesPage_withALinkHome() {
      for (String path : new String[] {"/no/such/page", "/static/nothing.js",
          "/deliveries/not%20an%20id"}) {
        WebClient.Page page = alice.get(path);
        assertThat(page.status()).as(path).isEqualTo(404);
        assertThat(page.body()).as(path).contains("<header class=\"top\">",
            "<h1>Page not found</h1>", "There is no page at this address",
            "<a href=\"/\" id=\"home\">").doesNotContain("Endpoint");
      }
    }

    @Test
    void unknownIds_getThePage_withoutTheId() {
      Steps.chooseSecuPass(alice, ALICE_PASS);
      String unknown = "0123456789abcdef0123456789abcdef";
      for (String path : new String[] {"/deliveries/" + unknown, "/rooms/" + unknown}) {
        WebClient.Page page = alice.get(path);
        assertThat(page.status()).as(path).isEqualTo(404);
        assertThat(page.body()).as(path).contains("<h1>Page not found</h1>",
            "<a href=\"/\" id=\"home\">");
        assertThat(visible(page.body())).as(path).doesNotContain(unknown);
      }
    }
  }

  /** A guest registered from the invitation mail to {@code address}. */
  private WebClient guest(String address, String username) {
    String link = web.sample().mails().mails().stream().filter(m -> m.to().equals(address))
        .reduce((newer, older) -> older).orElseThrow().linkPath().orElseThrow();
    WebClient guest = new WebClient(web.origin());
    guest.get(link);
    guest.open("/guest/welcome");
    WebClient.Page registered = guest.post("/guest/register", Map.of("username", username,
        "password", username + " password 1", "password_confirm", username + " password 1"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(303);
    return guest;
  }

  /** The text a person reads: the page without its tags (and so without its addresses). */
  private static String visible(String html) {
    return html.replaceAll("<[^>]*>", " ").replace("&#39;", "'").replace("&quot;", "\"")
        .replace("&amp;", "&").replaceAll("\\s+", " ");
  }
}
