package dev.secupass.core.firstcontact;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.FirstContactRefusedException;
import dev.secupass.api.InvitationUsedException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.SafetyWordsMismatchException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongAccessCodeException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.DeliveryReleased;
import dev.secupass.core.events.FirstContactRefused;
import dev.secupass.core.events.InvitationReused;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.CapturedLogs;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.KeyRecord;
import dev.secupass.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first contact under attack, on the in-memory stores: an invitation forwarded to an attacker
 * who registers and chooses the SecuPass first, with and without an access code; a storage operator
 * substituting the new recipient's keys before the sender wraps; the real guest arriving second.
 * Sessions fulfil only when asked here, so each test sees what a fulfilment run decided.
 */
class FirstContactTest {
  private final SdkFixture f = new SdkFixture(b -> b.grantExecutor(task -> { }));
  private final SignedInUser alice = SdkFixture.employee("alice@corp.example");

  private SentDelivery send(boolean accessCodes) {
    f.activate(alice, "alice's secupass").close();
    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      var draft = draft(SecurityLevel.SECRET, "the figures", Addressee.guest("gina@example.org"));
      if (accessCodes) {
        draft.accessCodes();
      }
      return f.sdk.deliveries().send(alice, session, draft.build());
    }
  }

  private LinkToken invitationOf(SentDelivery sent) {
    UserId gina = sent.recipients().get(0).user();
    return f.event(gina, DeliveryReceived.class).invitation().orElseThrow();
  }

  /** Whoever holds the link registers with it and signs in. */
  private SignedInUser register(LinkToken invitation, String username) {
    f.sdk.guests().register(invitation, username, Password.of(username + "'s long password"));
    return f.sdk.guests().signIn(username, Password.of(username + "'s long password"));
  }

  private SecuPassSession activate(SignedInUser guest, String pass, AccessCode code) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return f.sdk.secuPass().activate(guest.user(), secuPass, code);
    }
  }

  private List<AuditRecord> audit(SentDelivery sent) {
    return f.sdk.deliveries().auditTrail(alice, sent.id(), PageRequest.first(100)).items();
  }

  @Test
  void defaultPolicy_holdsTheReleaseUntilTheSenderConfirmsTheGuestsSafetyWords() {
    SentDelivery sent = send(false);
    assertThat(sent.accessCodes()).isEmpty();
    SignedInUser gina = register(invitationOf(sent), "gina");
    SecuPassSession ginaSession = f.activate(gina, "gina's secupass");

    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      GrantRun run = f.sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).isEmpty();
      FirstContactHold hold = run.awaitingConfirmation().get(0);
      assertThat(hold.recipient()).isEqualTo(Person.guest(gina.user(), "gina@example.org"));
      assertThat(hold.delivery()).isEqualTo(sent.id());
      assertThatThrownBy(() -> f.read(gina, ginaSession, sent.id()))
          .isInstanceOf(NotReleasedException.class);

      // Gina reads her words from her own session; Alice sees the same ones and confirms them.
      SafetyWords read = SafetyWords.of(ginaSession.fingerprint());
      assertThat(hold.presented()).isEqualTo(read);
      GrantRun confirmed = f.sdk.grants().confirmFirstContact(session, hold.grant(),
          SafetyWords.parse(read.toString().toUpperCase(java.util.Locale.ROOT)));
      assertThat(confirmed.fulfilled()).containsExactly(hold.grant());
    }
    assertThat(f.read(gina, ginaSession, sent.id())).isEqualTo("the figures");
    assertThat(f.event(gina.user(), DeliveryReleased.class).delivery()).isEqualTo(sent.id());
    assertThat(audit(sent)).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.confirm", "ok"));
  }

  @Test
  void forwardedInvitationWithoutCode_isHeldAndTheSenderSeesOtherWordsThanTheGuestReads() {
    SentDelivery sent = send(false);
    LinkToken forwarded = invitationOf(sent);
    SignedInUser mallory = register(forwarded, "mallory");
    SecuPassSession mallorySession = f.activate(mallory, "mallory's secupass");

    // The real guest arrives second: a clear refusal, and the sender is told.
    assertThatThrownBy(() -> f.sdk.guests().register(forwarded, "gina",
        Password.of("gina's long password")))
        .isInstanceOf(InvitationUsedException.class)
        .hasMessageContaining("gina@example.org was used to register already")
        .hasMessageContaining("tell the sender");
    InvitationReused reused = f.event(alice.user(), InvitationReused.class);
    assertThat(reused.guest().displayName()).isEqualTo("gina@example.org");
    assertThat(reused.delivery()).isEqualTo(sent.id());

    // Gina's own keys, made elsewhere: the words she reads out differ from the ones shown.
    SafetyWords ginaReads = SafetyWords.of(TestKeys.builder(new MemoryStorage(
        MutableClock.at(Instant.now())).keys()).kdfPolicy(TestPolicies.FAST).build()
        .activate(mallory.user(), SecuPass.of("gina's secupass")).publicKeys().fingerprint());
    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      FirstContactHold hold = f.sdk.grants().fulfil(session).awaitingConfirmation().get(0);
      assertThat(hold.presented()).isEqualTo(SafetyWords.of(mallorySession.fingerprint()))
          .isNotEqualTo(ginaReads);
      assertThatThrownBy(() -> f.sdk.grants().confirmFirstContact(session, hold.grant(),
          ginaReads))
          .isInstanceOf(SafetyWordsMismatchException.class)
          .hasMessage("the safety words do not match the keys of gina@example.org; nothing was"
              + " released");
      assertThat(f.sdk.grants().fulfil(session).fulfilled()).isEmpty();
    }
    assertThatThrownBy(() -> f.read(mallory, mallorySession, sent.id()))
        .isInstanceOf(NotReleasedException.class);
    assertThat(f.memory.deliveries().findEnvelope(sent.id(), mallory.user(),
        mallorySession.keyVersion())).isEmpty();
    assertThat(audit(sent)).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.confirm", "mismatch"),
            tuple("guest.register", "invitation_used"));
  }

  @Test
  void accessCode_releasesAutomaticallyToTheGuestWhoTypedIt() {
    SentDelivery sent = send(true);
    Person ginaPerson = sent.recipients().get(0);
    AccessCode code = sent.accessCodes().get(ginaPerson);
    assertThat(code.reveal()).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-"
        + "[0-9A-HJKMNP-TV-Z]{4}");
    LinkToken invitation = invitationOf(sent);
    assertThat(f.sdk.guests().arrive(invitation).accessCodeRequired()).isTrue();
    SignedInUser gina = register(invitation, "gina");

    assertThatThrownBy(() -> activate(gina, "gina's secupass", AccessCode.parse("0000-0000-0000")))
        .isInstanceOf(WrongAccessCodeException.class)
        .hasMessage("this access code does not match the delivery; check it with the sender");
    assertThat(f.sdk.secuPass().hasSecuPass(gina.user())).isFalse();

    SecuPassSession ginaSession = activate(gina, "gina's secupass",
        AccessCode.parse(code.reveal().toLowerCase(java.util.Locale.ROOT).replace("-", " ")));
    assertThat(f.sdk.guests().arrive(invitation).accessCodeRequired()).isFalse();
    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      GrantRun run = f.sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).hasSize(1);
      assertThat(run.awaitingConfirmation()).isEmpty();
      assertThat(f.sdk.secuPass().pinnedFingerprint(session, gina.user()))
          .contains(ginaSession.fingerprint());
    }
    assertThat(f.read(gina, ginaSession, sent.id())).isEqualTo("the figures");
  }

  @Test
  void forwardedInvitationWithCode_attackerWithoutTheCodeIsRefusedAndTheDeliveryStaysLocked() {
    SentDelivery sent = send(true);
    SignedInUser mallory = register(invitationOf(sent), "mallory");
    // Without the code: a plain activation binds nothing.
    SecuPassSession mallorySession = f.activate(mallory, "mallory's secupass");

    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      GrantRun run = f.sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).isEmpty();
      assertThat(run.awaitingConfirmation()).isEmpty();
      assertThat(run.refused()).singleElement().satisfies(r -> {
        assertThat(r.delivery()).isEqualTo(sent.id());
        assertThat(r.recipient().displayName()).isEqualTo("gina@example.org");
        assertThat(r.reason()).isEqualTo(FirstContactRefusedException.Reason.BINDING_MISSING);
      });
      assertThat(f.sdk.grants().fulfil(session).isEmpty()).isTrue();
    }
    FirstContactRefused refused = f.event(alice.user(), FirstContactRefused.class);
    assertThat(refused.recipient().displayName()).isEqualTo("gina@example.org");
    assertThat(refused.reason()).isEqualTo(FirstContactRefusedException.Reason.BINDING_MISSING);
    assertThat(f.memory.grants().forRecipient(mallory.user())).extracting(g -> g.state())
        .containsExactly(GrantState.CANCELLED);
    assertThatThrownBy(() -> f.read(mallory, mallorySession, sent.id()))
        .isInstanceOf(NotReleasedException.class);
    assertThat(audit(sent)).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.refuse", "binding_missing"));
  }

  @Test
  void operatorSubstitutingTheBoundFirstKey_isRefused() {
    SentDelivery sent = send(true);
    AccessCode code = sent.accessCodes().values().iterator().next();
    SignedInUser gina = register(invitationOf(sent), "gina");
    activate(gina, "gina's secupass", code).close();

    // The operator replaces Gina's keys with keys of its own (a well-formed, self-signed bundle
    // for her user id) before Alice's session wraps anything.
    MemoryStorage operators = new MemoryStorage(MutableClock.at(Instant.now()));
    try (SecuPass pass = SecuPass.of("operator's pass")) {
      TestKeys.builder(operators.keys()).kdfPolicy(TestPolicies.FAST).build()
          .activate(gina.user(), pass).close();
      TestKeys.builder(operators.keys()).kdfPolicy(TestPolicies.FAST).build()
          .reset(gina.user(), pass).close();
    }
    KeyRecord forged = operators.keys().findActive(gina.user()).orElseThrow();
    KeyRecord real = f.memory.keys().findActive(gina.user()).orElseThrow();
    f.memory.keys().rotate(real, new KeyRecord(forged.user(), forged.version(), forged.state(),
        forged.publicKeys(), forged.encryptedPrivateKeys(), forged.kdf(), 0,
        forged.createdAt()));
    f.memory.grants().markReady(gina.user(), forged.version());

    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      GrantRun run = f.sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).isEmpty();
      assertThat(run.refused()).extracting(r -> r.reason())
          .containsExactly(FirstContactRefusedException.Reason.BINDING_WRONG);
    }
    assertThat(f.memory.deliveries().findEnvelope(sent.id(), gina.user(), forged.version()))
        .isEmpty();
    assertThat(f.event(alice.user(), FirstContactRefused.class).reason())
        .isEqualTo(FirstContactRefusedException.Reason.BINDING_WRONG);
    assertThat(audit(sent)).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.refuse", "binding_wrong"));
  }

  @Test
  void operatorSubstitutingAnUnboundFirstKey_showsTheSenderOtherWordsThanTheGuestReads() {
    SentDelivery sent = send(false);
    SignedInUser gina = register(invitationOf(sent), "gina");
    SecuPassSession ginaSession = f.activate(gina, "gina's secupass");
    MemoryStorage operators = new MemoryStorage(MutableClock.at(Instant.now()));
    try (SecuPass pass = SecuPass.of("operator's pass")) {
      TestKeys.builder(operators.keys()).kdfPolicy(TestPolicies.FAST).build()
          .activate(gina.user(), pass).close();
      TestKeys.builder(operators.keys()).kdfPolicy(TestPolicies.FAST).build()
          .reset(gina.user(), pass).close();
    }
    KeyRecord forged = operators.keys().findActive(gina.user()).orElseThrow();
    KeyRecord real = f.memory.keys().findActive(gina.user()).orElseThrow();
    f.memory.keys().rotate(real, new KeyRecord(forged.user(), forged.version(),
        forged.state(), forged.publicKeys(), forged.encryptedPrivateKeys(), forged.kdf(), 0,
        forged.createdAt()));

    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      List<FirstContactHold> held = f.sdk.grants().fulfil(session).awaitingConfirmation();
      assertThat(held).isNotEmpty();
      assertThat(held.get(0).presented())
          .isNotEqualTo(SafetyWords.of(ginaSession.fingerprint()));
      assertThatThrownBy(() -> f.sdk.grants().confirmFirstContact(session, held.get(0).grant(),
          SafetyWords.of(ginaSession.fingerprint())))
          .isInstanceOf(SafetyWordsMismatchException.class);
    }
  }

  @Test
  void trustOnFirstUse_isAnExplicitChoiceThatReleasesAtOnce() {
    SdkFixture tofu = new SdkFixture(b -> b.firstContactPolicy(
        FirstContactPolicy.trustOnFirstUse()));
    assertThat(FirstContactPolicy.DEFAULT.release(SecurityLevel.SECRET))
        .isEqualTo(FirstContactPolicy.Release.CONFIRM);
    assertThat(FirstContactPolicy.DEFAULT.release(SecurityLevel.TOP_SECRET))
        .isEqualTo(FirstContactPolicy.Release.CONFIRM);
    assertThatThrownBy(() -> FirstContactPolicy.builder().release(SecurityLevel.LOGIN,
        FirstContactPolicy.Release.TRUST_ON_FIRST_USE))
        .isInstanceOf(IllegalArgumentException.class);
    tofu.activate(alice, "alice pass").close();
    SentDelivery sent;
    try (SecuPassSession session = tofu.unlock(alice, "alice pass")) {
      sent = tofu.sdk.deliveries().send(alice, session, draft(SecurityLevel.TOP_SECRET, "x",
          Addressee.guest("gina@example.org")).build());
    }
    UserId gina = sent.recipients().get(0).user();
    LinkToken invitation = tofu.event(gina, DeliveryReceived.class).invitation().orElseThrow();
    tofu.sdk.guests().register(invitation, "gina", Password.of("gina's long password"));
    SignedInUser guest = tofu.sdk.guests().signIn("gina", Password.of("gina's long password"));
    SecuPassSession ginaSession = tofu.activate(guest, "gina pass");
    tofu.unlock(alice, "alice pass").close();
    assertThat(tofu.read(guest, ginaSession, sent.id())).isEqualTo("x");
  }

  @Test
  void policyCanRequireCodes_andAnExpiredInvitationRegistersNoMore() {
    SdkFixture coded = new SdkFixture(b -> b.firstContactPolicy(FirstContactPolicy.builder()
        .requireCodes(SecurityLevel.SECRET, true).build()));
    coded.activate(alice, "alice pass").close();
    SentDelivery sent;
    try (SecuPassSession session = coded.unlock(alice, "alice pass")) {
      sent = coded.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "x",
          Addressee.guest("gina@example.org")).expiresIn(Duration.ofDays(1)).build());
    }
    assertThat(sent.accessCodes()).hasSize(1);
    UserId gina = sent.recipients().get(0).user();
    LinkToken invitation = coded.event(gina, DeliveryReceived.class).invitation().orElseThrow();
    coded.clock.advance(Duration.ofDays(2));
    assertThatThrownBy(() -> coded.sdk.guests().register(invitation, "gina",
        Password.of("gina's long password")))
        .isInstanceOf(DeliveryExpiredException.class);
  }

  @Test
  void accessCodes_neverAppearInToStringLogsOrEvents() {
    CapturedLogs.lines();
    SentDelivery sent = send(true);
    AccessCode code = sent.accessCodes().values().iterator().next();
    String shown = code.reveal();
    SignedInUser mallory = register(invitationOf(sent), "mallory");
    f.activate(mallory, "mallory's secupass").close();
    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      f.sdk.grants().fulfil(session);
    }
    assertThat(code.toString()).isEqualTo("AccessCode[redacted]");
    assertThat(sent.toString()).doesNotContain(shown).doesNotContain(shown.replace("-", ""));
    assertThat(String.join("\n", CapturedLogs.lines())).doesNotContain(shown)
        .doesNotContain(shown.replace("-", ""));
    assertThat(f.sdk.events().forUser(alice.user(), PageRequest.first(100)).items().toString())
        .doesNotContain(shown).doesNotContain(shown.replace("-", ""));
    assertThat(new String(f.memory.guests().invitations(sent.recipients().get(0).user()).get(0)
        .accessCode(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(shown.replace("-", ""));
  }
}
