package dev.secupass.core.guests;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongCredentialsException;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.GuestAccount;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuestsTest {
  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");

  private SentDelivery sendTo(String email) {
    return f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "for the guest",
        Addressee.guest(email)).expiresIn(Duration.ofDays(5)).build());
  }

  private LinkToken invitation(UserId guest, DeliveryId delivery) {
    return f.events(guest, DeliveryReceived.class).stream()
        .filter(e -> e.delivery().equals(delivery)).findFirst().orElseThrow()
        .invitation().orElseThrow();
  }

  @Test
  void guest_registersOnTheFirstDelivery_signsInForTheNext_andOpensOnlyTheirs() {
    SentDelivery first = sendTo("gina@example.org");
    UserId gina = first.recipients().get(0).user();
    SignedInUser registered = f.sdk.guests().register(invitation(gina, first.id()), "Gina.G",
        Password.of("correct horse battery"));
    try (OpenedDelivery opened = f.sdk.deliveries().open(registered, first.id())) {
      assertThat(SdkFixture.firstFile(opened)).isEqualTo("for the guest");
    }

    SentDelivery second = sendTo("GINA@example.org");
    assertThat(second.recipients().get(0).user()).isEqualTo(gina);
    assertThat(f.sdk.guests().arrive(invitation(gina, second.id())).registered()).isTrue();
    SignedInUser signedIn = f.sdk.guests().signIn("gina.g", Password.of("correct horse battery"));
    f.sdk.deliveries().open(signedIn, second.id()).close();

    DeliveryId other = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "x",
        Addressee.employee(UserId.of("bob"), "")).build()).id();
    assertThatThrownBy(() -> f.sdk.deliveries().open(signedIn, other))
        .isInstanceOf(NotARecipientException.class);
    assertThatThrownBy(() -> f.sdk.deliveries().inbox(signedIn, PageRequest.first(10)))
        .isInstanceOf(NotPermittedException.class);
  }

  @Test
  void password_isStoredOnlyAsAnArgon2idHash() {
    SentDelivery sent = sendTo("gina@example.org");
    UserId gina = sent.recipients().get(0).user();
    f.sdk.guests().register(invitation(gina, sent.id()), "gina",
        Password.of("correct horse battery"));

    GuestAccount account = f.memory.guests().find(gina).orElseThrow();
    String stored = new String(account.passwordHash(), StandardCharsets.US_ASCII);
    assertThat(stored).startsWith("$argon2id$v=19$m=64,t=1,p=1$")
        .doesNotContain("correct horse battery");
  }

  @Test
  void signIn_withAWrongPasswordOrUnknownUser_throwsWrongCredentials_andIsAudited() {
    SentDelivery sent = sendTo("gina@example.org");
    UserId gina = sent.recipients().get(0).user();
    f.sdk.guests().register(invitation(gina, sent.id()), "gina",
        Password.of("correct horse battery"));

    assertThatThrownBy(() -> f.sdk.guests().signIn("gina", Password.of("wrong horse battery")))
        .isInstanceOf(WrongCredentialsException.class);
    assertThatThrownBy(() -> f.sdk.guests().signIn("nobody", Password.of("whatever it is")))
        .isInstanceOf(WrongCredentialsException.class)
        .hasMessage("wrong username or password");
    assertThat(f.memory.audit().forTarget("guest:" + gina, PageRequest.first(10)).items())
        .extracting(AuditEntry::outcome).containsExactly("ok", "wrong_credentials");
  }

  @Test
  void register_refusesASecondRegistration_aTakenUsername_andAShortPassword() {
    SentDelivery first = sendTo("gina@example.org");
    SentDelivery second = sendTo("hugo@example.org");
    LinkToken ginas = invitation(first.recipients().get(0).user(), first.id());
    LinkToken hugos = invitation(second.recipients().get(0).user(), second.id());
    f.sdk.guests().register(ginas, "gina", Password.of("correct horse battery"));

    assertThatThrownBy(() -> f.sdk.guests().register(ginas, "gina2",
        Password.of("correct horse battery"))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> f.sdk.guests().register(hugos, "GINA",
        Password.of("correct horse battery"))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> f.sdk.guests().register(hugos, "hugo", Password.of("short")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.sdk.guests().register(hugos, "h u", Password.of("long enough!")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invitation_unknownOrExpired_isRefused() {
    SentDelivery sent = sendTo("gina@example.org");
    LinkToken token = invitation(sent.recipients().get(0).user(), sent.id());

    assertThatThrownBy(() -> f.sdk.guests().arrive(LinkToken.generate(new SecureRandom())))
        .isInstanceOf(WrongLinkTokenException.class);
    f.clock.advance(Duration.ofDays(6));
    assertThatThrownBy(() -> f.sdk.guests().arrive(token))
        .isInstanceOf(DeliveryExpiredException.class);
  }

  @Test
  void levelOneDelivery_toAGuest_carriesTheLinkAndNoInvitation() {
    SentDelivery sent = f.sdk.deliveries().send(alice, draft(SecurityLevel.LINK, "x",
        Addressee.guest("gina@example.org")).build());
    DeliveryReceived event = f.event(sent.recipients().get(0).user(), DeliveryReceived.class);

    assertThat(event.link()).isPresent();
    assertThat(event.invitation()).isEmpty();
  }
}
