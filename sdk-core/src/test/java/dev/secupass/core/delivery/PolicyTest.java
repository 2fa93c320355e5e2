package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.PageRequest;
import dev.secupass.api.PolicyViolationException;
import dev.secupass.api.PolicyViolationException.Rule;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.Streams;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final DeliveryPolicy STRICT = DeliveryPolicy.builder()
      .allowedLevels(SecurityLevel.LOGIN, SecurityLevel.SECRET)
      .defaultLevel(SecurityLevel.LOGIN)
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
  void groupPolicy_appliesToItsMembers_withTheDefaultLevelItChose() {
    SentDelivery sent = f.sdk.deliveries().send(legal, DeliveryDraft.builder().to(bob)
        .file("a.txt", Streams.source(new byte[10])).build());

    assertThat(sent.level()).isEqualTo(SecurityLevel.LOGIN);
    assertThat(sent.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(7)));
  }

  @Test
  void draftWithoutLevel_underTheDefaultPolicy_isLevel3_neverASilentLevel1() {
    DeliveryDraft noLevel = DeliveryDraft.builder().to(bob)
        .file("a.txt", Streams.source(new byte[10])).build();
    assertThat(DeliveryPolicy.DEFAULT.defaultLevel()).isEqualTo(SecurityLevel.SECRET);

    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, noLevel))
        .isInstanceOf(SecuPassRequiredException.class);
    assertThat(f.blobs.live()).isZero();

    f.activate(alice, "alice pass").close();
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      assertThat(f.sdk.deliveries().send(alice, session, DeliveryDraft.builder().to(bob)
          .file("a.txt", Streams.source(new byte[10])).build()).level())
          .isEqualTo(SecurityLevel.SECRET);
    }
  }

  @Test
  void policyBuilder_checksTheDefaultLevelAgainstTheAllowedLevels() {
    assertThat(DeliveryPolicy.builder().allowedLevels(SecurityLevel.TOP_SECRET).build()
        .defaultLevel()).isEqualTo(SecurityLevel.TOP_SECRET);
    assertThat(DeliveryPolicy.builder().defaultLevel(SecurityLevel.LINK).build().defaultLevel())
        .isEqualTo(SecurityLevel.LINK);
    assertThatThrownBy(() -> DeliveryPolicy.builder()
        .allowedLevels(SecurityLevel.LINK, SecurityLevel.LOGIN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("defaultLevel");
    assertThatThrownBy(() -> DeliveryPolicy.builder().allowedLevels(SecurityLevel.SECRET)
        .defaultLevel(SecurityLevel.LOGIN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default level 2 is not one of the allowed levels 3");
    assertThatThrownBy(() -> DeliveryPolicy.builder().expiryBounds(Duration.ofHours(1),
        Duration.ofDays(2)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the default expiry of 90 days is outside the bounds of 1 hour to 2 days");
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
    assertThat(refused(DeliveryDraft.builder().to(bob).level(SecurityLevel.LOGIN)
        .file("big.bin", () -> Streams.source(new byte[2000]), 2000).build()).rule())
        .isEqualTo(Rule.FILE_SIZE);
  }

  @Test
  void send_ofFilesLargerThanDeclared_isRefusedWhileStreaming_andLeavesNoBlob() {
    PolicyViolationException e = refused(DeliveryDraft.builder().to(bob).level(SecurityLevel.LOGIN)
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
