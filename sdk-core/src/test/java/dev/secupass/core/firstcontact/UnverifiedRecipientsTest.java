package dev.secupass.core.firstcontact;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SafetyWordsMismatchException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.events.SecuPassRequired;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.testing.SdkFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default first-contact policy covers every never-verified key at levels 3-4, not only the
 * invitation round trip: a direct send to a user who already has a SecuPass the sender never
 * pinned, and a room member's first grant, are held until the sender confirms the safety words,
 * through the same grants and holds. An operator who substitutes an existing user's keys before
 * the first direct send gets nothing wrapped to them. Sessions fulfil only when asked here.
 */
class UnverifiedRecipientsTest {
  private final SdkFixture f = new SdkFixture(b -> b.grantExecutor(task -> { }));
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.partner("bob");

  private SecuPassSession unlockAlice() {
    return f.unlock(alice, "alice's secupass");
  }

  private SentDelivery send(SecurityLevel level, String content) {
    try (SecuPassSession session = unlockAlice()) {
      return f.sdk.deliveries().send(alice, session,
          draft(level, content, Addressee.partner(bob.user(), "bob@partner.example")).build());
    }
  }

  private SafetyWords bobReads() {
    try (SecuPassSession session = f.unlock(bob, "bob's secupass")) {
      return SafetyWords.of(session.fingerprint());
    }
  }

  private List<AuditRecord> audit(DeliveryId id) {
    return f.sdk.deliveries().auditTrail(alice, id, PageRequest.first(100)).items();
  }

  private boolean envelopeForBob(DeliveryId id) {
    return f.memory.deliveries().findEnvelope(id, bob.user(), KeyVersion.FIRST).isPresent();
  }

  @Test
  void directSendToKeysTheSenderNeverPinned_isHeldUntilTheSafetyWordsAreConfirmed() {
    f.activate(alice, "alice's secupass").close();
    f.activate(bob, "bob's secupass").close();

    SentDelivery sent = send(SecurityLevel.SECRET, "the figures");

    assertThat(sent.awaitingSecuPass()).isEmpty();
    FirstContactHold hold = sent.awaitingConfirmation().get(0);
    assertThat(sent.awaitingConfirmation()).hasSize(1);
    assertThat(hold.recipient().user()).isEqualTo(bob.user());
    assertThat(hold.forDelivery()).contains(sent.id());
    assertThat(hold.forRoom()).isEmpty();
    assertThat(hold.presented()).isEqualTo(bobReads());
    assertThat(envelopeForBob(sent.id())).as("nothing wrapped to Bob's unverified keys").isFalse();
    // Bob has a SecuPass: he is not asked to choose one, and Alice is not told by event either
    // (the send's result showed her the hold).
    assertThat(f.events(bob.user(), SecuPassRequired.class)).isEmpty();
    assertThat(f.events(alice.user(), GrantReady.class)).isEmpty();
    try (SecuPassSession bobSession = f.unlock(bob, "bob's secupass")) {
      assertThatThrownBy(() -> f.read(bob, bobSession, sent.id()))
          .isInstanceOf(NotReleasedException.class);
    }

    // Her unlock's fulfilment run holds it too, with the same grant and words.
    try (SecuPassSession session = unlockAlice()) {
      GrantRun run = f.sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).isEmpty();
      assertThat(run.awaitingConfirmation()).containsExactly(hold);
    }
    assertThat(envelopeForBob(sent.id())).isFalse();

    // The words of someone else's keys are refused and release nothing.
    SafetyWords wrong = SafetyWords.of(f.activate(SdkFixture.employee("carol"), "carol's pass")
        .fingerprint());
    try (SecuPassSession session = unlockAlice()) {
      assertThatThrownBy(() -> f.sdk.grants().confirmFirstContact(session, hold.grant(), wrong))
          .isInstanceOf(SafetyWordsMismatchException.class)
          .hasMessageStartingWith("the safety words do not match the keys of bob")
          .hasMessageEndingWith("; nothing was released");
      assertThat(f.sdk.secuPass().pinnedFingerprint(session, bob.user())).isEmpty();
    }
    assertThat(envelopeForBob(sent.id())).isFalse();

    // The words Bob reads from his own session release it.
    try (SecuPassSession session = unlockAlice()) {
      GrantRun confirmed = f.sdk.grants().confirmFirstContact(session, hold.grant(), bobReads());
      assertThat(confirmed.fulfilled()).containsExactly(hold.grant());
    }
    try (SecuPassSession bobSession = f.unlock(bob, "bob's secupass")) {
      assertThat(f.read(bob, bobSession, sent.id())).isEqualTo("the figures");
    }
    assertThat(audit(sent.id())).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.confirm", "mismatch"),
            tuple("first_contact.confirm", "ok"));

    // Bob's keys are pinned now: the next send is wrapped to him at once.
    SentDelivery next = send(SecurityLevel.TOP_SECRET, "more figures");
    assertThat(next.awaitingConfirmation()).isEmpty();
    assertThat(envelopeForBob(next.id())).isTrue();
    try (SecuPassSession bobSession = f.unlock(bob, "bob's secupass")) {
      assertThat(f.read(bob, bobSession, next.id())).isEqualTo("more figures");
    }
  }

  @Test
  void operatorSubstitutingAnExistingUsersKeysBeforeTheFirstDirectSend_getsNothingWrapped() {
    f.activate(alice, "alice's secupass").close();
    f.activate(bob, "bob's secupass").close();
    SafetyWords real = bobReads();

    // The operator replaces Bob's stored keys with a well-formed, self-signed bundle of its own
    // for his user id and version, before Alice first sends to him.
    OperatorKeys substituted = OperatorKeys.substitute(f.memory, bob.user(), "operator's pass");

    SentDelivery sent = send(SecurityLevel.TOP_SECRET, "the offer");
    FirstContactHold hold = sent.awaitingConfirmation().get(0);
    assertThat(hold.presented()).as("the words of the operator's keys").isNotEqualTo(real);
    assertThat(envelopeForBob(sent.id())).as("nothing wrapped to the substituted keys").isFalse();

    // Bob reads his real words on the phone: they are not those of the stored keys.
    try (SecuPassSession session = unlockAlice()) {
      assertThatThrownBy(() -> f.sdk.grants().confirmFirstContact(session, hold.grant(), real))
          .isInstanceOf(SafetyWordsMismatchException.class);
      GrantRun again = f.sdk.grants().fulfil(session);
      assertThat(again.fulfilled()).isEmpty();
      assertThat(again.awaitingConfirmation()).extracting(FirstContactHold::grant)
          .containsExactly(hold.grant());
      assertThat(f.sdk.secuPass().pinnedFingerprint(session, bob.user())).isEmpty();
    }
    assertThat(envelopeForBob(sent.id())).isFalse();
    assertThat(audit(sent.id())).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.confirm", "mismatch"));

    // Once Bob's real keys are back, his real words release it, to his keys.
    substituted.restore();
    try (SecuPassSession session = unlockAlice()) {
      assertThat(f.sdk.grants().confirmFirstContact(session, hold.grant(), real).fulfilled())
          .containsExactly(hold.grant());
    }
    try (SecuPassSession bobSession = f.unlock(bob, "bob's secupass")) {
      assertThat(f.read(bob, bobSession, sent.id())).isEqualTo("the offer");
    }
  }

  @Test
  void roomMemberWithKeysTheManagerNeverPinned_getsTheRoomKeyOnlyAfterTheConfirmation()
      throws IOException {
    f.activate(alice, "alice's secupass").close();
    f.activate(bob, "bob's secupass").close();
    RoomId room;
    try (SecuPassSession session = unlockAlice()) {
      room = f.sdk.rooms().create(alice, session, "Due diligence");
      f.sdk.rooms().upload(session, room, null, "plan.txt",
          new ByteArrayInputStream("the plan".getBytes(StandardCharsets.UTF_8)));
      assertThat(f.sdk.rooms().addMember(session, room, bob.user(), PrincipalKind.PARTNER,
          RoomRole.VIEWER)).isEqualTo(MemberAccess.AWAITING_CONFIRMATION);
    }
    assertThat(f.memory.rooms().envelopes(room, bob.user())).isEmpty();
    try (SecuPassSession bobSession = f.unlock(bob, "bob's secupass")) {
      assertThatThrownBy(() -> f.sdk.rooms().open(bobSession, room))
          .isInstanceOf(RuntimeException.class);
    }

    try (SecuPassSession session = unlockAlice()) {
      FirstContactHold hold = f.sdk.grants().fulfil(session).awaitingConfirmation().get(0);
      assertThat(hold.forRoom()).contains(room);
      assertThat(hold.forDelivery()).isEmpty();
      assertThat(hold.presented()).isEqualTo(bobReads());
      assertThat(f.memory.rooms().envelopes(room, bob.user())).isEmpty();
      assertThatThrownBy(() -> f.sdk.grants().confirmFirstContact(session, hold.grant(),
          SafetyWords.of(session.fingerprint())))
          .isInstanceOf(SafetyWordsMismatchException.class);
      assertThat(f.sdk.grants().confirmFirstContact(session, hold.grant(), bobReads())
          .fulfilled()).containsExactly(hold.grant());
    }
    try (SecuPassSession bobSession = f.unlock(bob, "bob's secupass")) {
      String file = f.sdk.rooms().list(bobSession, room, null).get(0).name();
      assertThat(file).isEqualTo("plan.txt");
      try (InputStream in = f.sdk.rooms().download(bobSession, room,
          f.sdk.rooms().list(bobSession, room, null).get(0).id())) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("the plan");
      }
    }

    // Pinned now: adding Bob to another room wraps its key to him at once.
    try (SecuPassSession session = unlockAlice()) {
      RoomId other = f.sdk.rooms().create(alice, session, "Board");
      assertThat(f.sdk.rooms().addMember(session, other, bob.user(), PrincipalKind.PARTNER,
          RoomRole.VIEWER)).isEqualTo(MemberAccess.GRANTED);
    }
  }

  @Test
  void trustOnFirstUse_chosenExplicitly_wrapsADirectSendAndARoomKeyAtOnce() {
    SdkFixture tofu = SdkFixture.trustingFirstUse();
    tofu.activate(alice, "alice's secupass").close();
    tofu.activate(bob, "bob's secupass").close();
    try (SecuPassSession session = tofu.unlock(alice, "alice's secupass")) {
      SentDelivery sent = tofu.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET,
          "x", Addressee.partner(bob.user(), "bob@partner.example")).build());
      assertThat(sent.awaitingConfirmation()).isEmpty();
      assertThat(tofu.memory.deliveries().findEnvelope(sent.id(), bob.user(), KeyVersion.FIRST))
          .isPresent();
      RoomId room = tofu.sdk.rooms().create(alice, session, "Room");
      assertThat(tofu.sdk.rooms().addMember(session, room, bob.user(), PrincipalKind.PARTNER,
          RoomRole.VIEWER)).isEqualTo(MemberAccess.GRANTED);
    }
  }

  @Test
  void holdsNameTheRecipientButNoSecret() {
    f.activate(alice, "alice's secupass").close();
    f.activate(bob, "bob's secupass").close();
    SentDelivery sent = send(SecurityLevel.SECRET, "x");
    assertThat(sent.toString()).contains("awaitingConfirmation=1")
        .doesNotContain("alice's secupass").doesNotContain("bob's secupass");
    assertThat(sent.awaitingConfirmation().get(0).toString()).contains("bob")
        .doesNotContain("secupass");
  }
}
