package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.PolicyViolationException.Rule;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.Streams;
import dev.secupass.api.PageRequest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final DeliveryPolicy STRICT = DeliveryPolicy.builder()
      .allowedLevels(SecurityLevel.LOGIN, SecurityLevel.SECRET)
      .defaultExpiry(Duration.ofDays(7))
      .expiryBounds(Duration.ofDays(1), Duration.ofDays(14))
      .maxFileSize(1000)
      .maxTotalSize(1500)
      .allowedRecipientDomains("Corp.Example")
      .build();

  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser legal = SdkFixture.employee("lawyer");
  private final SdkFixture f = new SdkFixture(builder -> builder.deliveryPolicies(
      DeliveryPolicies.builder(DeliveryPolicy.DEFAULT)
          .group("legal", STRICT)
          .groupsOf(user -> user.equals(legal.user()) ? Set.of("legal") : Set.of())
          .build()));
  private final Addressee bob = Addressee.employee(UserId.of("bob"), "bob@corp.example");

  private PolicyViolationException refused(DeliveryDraft draft) {
    try {
      f.sdk.deliveries().send(legal, draft);
    } catch (PolicyViolationException e) {
      assertThat(f.blobs.live()).isZero();
      return e;
    }
    throw new AssertionError("the draft was not refused");
  }

  @Test
  void groupPolicy_appliesToItsMembers_andTheDefaultLevelIsTheLowestAllowed() {
    SentDelivery sent = f.sdk.deliveries().send(legal, DeliveryDraft.builder().to(bob)
        .file("a.txt", Streams.source(new byte[10])).build());

    assertThat(sent.level()).isEqualTo(SecurityLevel.LOGIN);
    assertThat(sent.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(7)));
    assertThat(f.sdk.deliveries().send(alice, DeliveryDraft.builder().to(bob)
        .file("a.txt", Streams.source(new byte[10])).build()).level())
        .isEqualTo(SecurityLevel.LINK);
  }

  @Test
  void send_breakingEachRule_throwsPolicyViolationNamingIt() {
    assertThat(refused(draft(SecurityLevel.LINK, "x", bob).build()).rule())
        .isEqualTo(Rule.LEVEL);
    assertThat(refused(draft(SecurityLevel.LOGIN, "x", bob).expiresIn(Duration.ofDays(30))
        .build()).rule()).isEqualTo(Rule.EXPIRY);
    assertThat(refused(draft(SecurityLevel.LOGIN, "x",
        Addressee.guest("eve@elsewhere.example")).build()).rule())
        .isEqualTo(Rule.RECIPIENT_DOMAIN);
    assertThat(refused(DeliveryDraft.builder().to(bob)
        .file("big.bin", () -> Streams.source(new byte[2000]), 2000).build()).rule())
        .isEqualTo(Rule.FILE_SIZE);
  }

  @Test
  void send_ofFilesLargerThanDeclared_isRefusedWhileStreaming_andLeavesNoBlob() {
    PolicyViolationException e = refused(DeliveryDraft.builder().to(bob)
        .file("a.bin", Streams.source(new byte[900]))
        .file("b.bin", Streams.source(new byte[900])).build());

    assertThat(e.rule()).isEqualTo(Rule.TOTAL_SIZE);
    assertThat(f.sdk.deliveries().outbox(legal, PageRequest.first(10)).items()).isEmpty();
    assertThat(f.blobs.live()).isZero();
  }

  @Test
  void send_byAGuest_isRefused() {
    SignedInUser guest = new SignedInUser(UserId.of("guest-1"), PrincipalKind.GUEST);

    assertThatThrownBy(() -> f.sdk.deliveries().send(guest, draft(SecurityLevel.LINK, "x", bob)
        .build())).isInstanceOf(PolicyViolationException.class)
        .extracting(e -> ((PolicyViolationException) e).rule()).isEqualTo(Rule.SENDER);
  }

  @Test
  void send_atLevel3WithoutASecuPass_signalsSecuPassRequired_andWithOne_unlockRequired() {
    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, draft(SecurityLevel.SECRET, "x", bob)
        .build())).isInstanceOf(SecuPassRequiredException.class);
    f.activate(alice, "alice pass").close();
    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, draft(SecurityLevel.SECRET, "x", bob)
        .build())).isInstanceOf(UnlockRequiredException.class);
  }

  @Test
  void builders_rejectBadInputAtOnce() {
    assertThatThrownBy(() -> DeliveryPolicy.builder().defaultExpiry(Duration.ofDays(400))
        .build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryPolicy.builder().maxFileSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryDraft.builder().to(bob).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryDraft.builder().file("a", Streams.source(new byte[1]))
        .build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryDraft.builder().to(bob, bob)
        .file("a", Streams.source(new byte[1])).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryDraft.builder().file("../etc", Streams.source(new byte[1])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Addressee.guest("not an address"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
