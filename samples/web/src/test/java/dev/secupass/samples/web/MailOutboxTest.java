package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.api.UserId;
import dev.secupass.core.events.KeyLogAlarmRaised;
import dev.secupass.core.keylog.KeyLogAlarm;
import dev.secupass.samples.web.host.MailWriter;
import dev.secupass.samples.web.host.People;
import dev.secupass.samples.web.host.SentMail;
import dev.secupass.samples.web.testing.Steps;
import dev.secupass.samples.web.testing.WebClient;
import dev.secupass.samples.web.testing.WebFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mails the sample writes from the SDK's events, and where their links lead. */
class MailOutboxTest {
  @TempDir Path folder;
  WebFixture web;
  WebClient alice;

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
  void keyLogAlarm_isMailedInTheUsersWords_andLeadsToSettings() {
    MailWriter writer = new MailWriter(new People(web.directory()), java.time.Clock.systemUTC());
    SentMail mail = writer.write(new KeyLogAlarmRaised(EventId.of("alarm-1"),
        java.time.Instant.now(), Person.of(UserId.of("alice")), KeyLogAlarm.Kind.FOREIGN_KEY, 2));
    assertThat(mail.subject()).isEqualTo("Check your SecuPass keys");
    assertThat(mail.body()).contains("keys under your name that your SecuPass did not make")
        .doesNotContain("FOREIGN_KEY").doesNotContain("KeyLogAlarm");
    assertThat(mail.link()).isEqualTo("/settings");
  }

  @Test
  void levelOneMail_carriesTheLink_whichOpensWithoutSignIn() {
    String id = Steps.send(alice, 1, "bob, someone@example.net", "Minutes", "minutes.txt",
        "the minutes", Map.of());
    SentMail toGuest = mailTo("someone@example.net").get(0);
    assertThat(toGuest.subject()).isEqualTo("alice sent you \"Minutes\" (level 1)");
    String link = toGuest.linkPath().orElseThrow();
    assertThat(link).startsWith("/link/" + id + "/");

    WebClient stranger = new WebClient(web.origin());
    WebClient.Page arrived = stranger.get(link);
    assertThat(arrived.status()).isEqualTo(302);
    assertThat(arrived.location()).isEqualTo("/link/" + id);
    stranger.open("/link/" + id);
    WebClient.Page opened = stranger.post("/link/" + id + "/open", Map.of());
    assertThat(opened.status()).isEqualTo(303);
    String page = stranger.get("/deliveries/" + id).body();
    assertThat(page).contains("minutes.txt");
    assertThat(mailTo("alice@example.com")).extracting(SentMail::subject)
        .as("opening is not downloading").doesNotContain("Your delivery was downloaded");
    Matcher file = Pattern.compile("href=\"(/deliveries/[^\"]+/files/[^\"]+)\"").matcher(page);
    assertThat(file.find()).isTrue();
    assertThat(stranger.get(file.group(1)).body()).isEqualTo("the minutes");
    assertThat(mailTo("alice@example.com")).extracting(SentMail::subject)
        .contains("Your delivery was downloaded");
  }

  @Test
  void mailsToEmployees_linkToTheDeliveryBehindSignIn() {
    String id = Steps.send(alice, 2, "bob", "Plan", "plan.txt", "the plan", Map.of());
    SentMail toBob = mailTo("bob@example.com").get(0);
    assertThat(toBob.linkPath()).hasValue("/deliveries/" + id);
    WebClient.Page page = new WebClient(web.origin()).get("/deliveries/" + id);
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).isEqualTo("/sign-in?next=%2Fdeliveries%2F" + id);
  }

  @Test
  void recipientChoosingASecuPass_mailsTheSender_whoseLinkLeadsToTheDelivery() {
    Steps.chooseSecuPass(alice, "alice secupass");
    alice.post("/secupass/lock", Map.of());
    String id = Steps.send(alice, 3, "bob", "Secret", "s.txt", "secret", Map.of(
        "secupass_mode", "unlock", "secupass", "alice secupass"));
    alice.post("/secupass/lock", Map.of());
    WebClient bob = new WebClient(web.origin());
    bob.signIn("bob", "bob-password");
    Steps.chooseSecuPass(bob, "bob secupass");
    SentMail toAlice = mailTo("alice@example.com").get(0);
    assertThat(toAlice.subject()).isEqualTo("bob has chosen a SecuPass and is waiting");
    assertThat(toAlice.linkPath()).hasValue("/outbox/" + id);
    assertThat(alice.get("/notices").body()).contains("bob has chosen a SecuPass");
  }

  @Test
  void mailsPage_showsTheMailsWithoutSignIn() {
    Steps.send(alice, 2, "gina@example.org", "Hello", "a.txt", "A", Map.of());
    WebClient.Page page = new WebClient(web.origin()).get("/mails");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("To: gina@example.org").contains("/invite/");
  }

  private List<SentMail> mailTo(String address) {
    return web.sample().mails().mails().stream().filter(m -> m.to().equals(address)).toList();
  }
}
