package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.CapturedLogs;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.Event;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Link and invitation tokens, passwords and SecuPasses never reach a log line, an exception
 * message, a {@code toString()}, or a store in the clear.
 */
class SecretsTest {
  private static final String PASSWORD = "guest password 0xC0FFEE";
  private static final String SECUPASS = "sender secupass 0xBEEF";
  private static final String MESSAGE = "top secret message 0xF00D";

  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");

  @Test
  @SuppressWarnings("ObjectToString") // what SecuPass.toString() shows is under test
  void secrets_neverAppearInLogsMessagesToStringsOrStoredEvents() {
    List<String> seen = new ArrayList<>();
    SentDelivery link = f.sdk.deliveries().send(alice, draft(SecurityLevel.LINK, "x",
        Addressee.guest("gina@example.org")).build());
    String linkToken = link.linkToken().orElseThrow().reveal();
    seen.add(link.toString());
    seen.add(link.linkToken().orElseThrow().toString());

    SentDelivery login = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "x",
        Addressee.guest("gina@example.org")).build());
    DeliveryReceived invited = f.events(login.recipients().get(0).user(), DeliveryReceived.class)
        .stream().filter(e -> e.delivery().equals(login.id())).findFirst()
        .orElseThrow();
    String invitation = invited.invitation().orElseThrow().reveal();
    seen.addAll(f.sdk.events().claim(100).stream().map(Object::toString).toList());
    seen.add(invited.toString());
    try (Password password = Password.of(PASSWORD)) {
      seen.add(password.toString());
      f.sdk.guests().register(LinkToken.parse(invitation), "gina", password);
    }
    seen.add(catchThrowable(() -> f.sdk.guests().signIn("gina", Password.of(PASSWORD + "!")))
        .getMessage());
    seen.add(catchThrowable(() -> f.sdk.deliveries().openByLink(link.id(),
        LinkToken.generate(new SecureRandom()))).getMessage());
    seen.add(catchThrowable(() -> LinkToken.parse(linkToken.substring(1) + "!")).getMessage());

    try (SecuPass secuPass = SecuPass.of(SECUPASS)) {
      seen.add(secuPass.toString());
      SecuPassSession session = f.sdk.secuPass().activate(alice.user(), secuPass);
      SentDelivery top = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.TOP_SECRET,
          "y", Addressee.employee(UserId.of("bob"), "")).message(MESSAGE).build());
      try (OpenedDelivery own = f.sdk.deliveries().open(alice, session, top.id())) {
        seen.add(own.toString());
        assertThat(own.message()).isEqualTo(MESSAGE);
      }
      seen.add(session.toString());
      session.close();
    }
    seen.add(catchThrowable(() -> f.unlock(alice, SECUPASS + "?")).getMessage());
    seen.add(TinkAtRestKey.generate().toString());
    seen.add(f.sdk.deliveries().outbox(alice, PageRequest.first(10)).toString());
    seen.addAll(CapturedLogs.lines());
    for (Event event : f.memory.events().forAudience(login.recipients().get(0).user(),
        PageRequest.first(100)).items()) {
      seen.add(new String(event.payload(), StandardCharsets.ISO_8859_1));
    }
    for (var delivery : f.memory.deliveries().outbox(alice.user(), PageRequest.first(10))
        .items()) {
      seen.add(new String(delivery.details(), StandardCharsets.ISO_8859_1));
      for (AuditEntry entry : f.memory.audit().forTarget("delivery:" + delivery.id(),
          PageRequest.first(100)).items()) {
        seen.add(entry.toString());
      }
    }

    assertThat(seen).isNotEmpty().noneMatch(line -> line.contains(linkToken)
        || line.contains(invitation) || line.contains(PASSWORD) || line.contains(SECUPASS)
        || line.contains(MESSAGE));
  }
}
