package dev.secupass.core.firstcontact;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SafetyWordsMismatchException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import org.junit.jupiter.api.Test;

/**
 * Opening a delivery pins its sender's keys on first use, to check the signature: storage chose
 * those keys, nobody verified them. Under the default policy such a pin ("seen when reading")
 * releases nothing at levels 3-4: a reply to the sender is held for the safety words exactly like
 * a first contact, and the confirmation upgrades the pin to verified. An operator who substitutes
 * the sender's keys before the recipient reads, and sends in the sender's name with them, gets
 * nothing wrapped by the reply. Sessions fulfil only when asked here.
 */
class PinsSeenWhenReadingTest {
  private final SdkFixture f = new SdkFixture(b -> b.grantExecutor(task -> { }));
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.partner("bob");

  private SecuPassSession unlockAlice() {
    return f.unlock(alice, "alice's secupass");
  }

  private SafetyWords bobReads() {
    try (SecuPassSession session = f.unlock(bob, "bob's secupass")) {
      return SafetyWords.of(session.fingerprint());
    }
  }

  private SafetyWords wordsOf(SignedInUser user) {
    return SafetyWords.of(f.sdk.secuPass().fingerprint(user.user()).orElseThrow());
  }

  /** {@code from} sends {@code content} to {@code to} and confirms its hold with {@code to}'s words. */
  private DeliveryId sendConfirmed(SecuPassSession from, SignedInUser sender, SignedInUser to,
      String content) {
    SentDelivery sent = f.sdk.deliveries().send(sender, from, draft(SecurityLevel.SECRET,
        content, Addressee.partner(to.user(), to.user().value() + "@example.org")).build());
    for (FirstContactHold hold : sent.awaitingConfirmation()) {
      f.sdk.grants().confirmFirstContact(from, hold.grant(), wordsOf(to));
    }
    return sent.id();
  }

  private SentDelivery aliceReplies(String content) {
    try (SecuPassSession session = unlockAlice()) {
      return f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, content,
          Addressee.partner(bob.user(), "bob@partner.example")).build());
    }
  }

  private boolean envelopeForBob(DeliveryId id) {
    return f.memory.deliveries().findEnvelope(id, bob.user(), KeyVersion.FIRST).isPresent();
  }

  @Test
  void replyToASenderWhoseDeliveryWasOpened_isHeldUntilTheSafetyWords_thenThePinIsVerified() {
    f.activate(alice, "alice's secupass").close();
    DeliveryId incoming;
    try (SecuPassSession session = f.activate(bob, "bob's secupass")) {
      incoming = sendConfirmed(session, bob, alice, "the draft contract");
    }
    try (SecuPassSession session = unlockAlice()) {
      assertThat(f.read(alice, session, incoming)).isEqualTo("the draft contract");
    }

    SentDelivery reply = aliceReplies("my comments");

    assertThat(reply.awaitingConfirmation()).extracting(h -> h.recipient().user())
        .containsExactly(bob.user());
    FirstContactHold hold = reply.awaitingConfirmation().get(0);
    assertThat(hold.presented()).isEqualTo(bobReads());
    assertThat(envelopeForBob(reply.id())).as("the pin made when reading wraps nothing").isFalse();
    try (SecuPassSession session = unlockAlice()) {
      GrantRun run = f.sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).isEmpty();
      assertThat(run.awaitingConfirmation()).containsExactly(hold);
      assertThat(f.sdk.grants().confirmFirstContact(session, hold.grant(), bobReads())
          .fulfilled()).containsExactly(hold.grant());
    }
    try (SecuPassSession session = f.unlock(bob, "bob's secupass")) {
      assertThat(f.read(bob, session, reply.id())).isEqualTo("my comments");
    }

    // Confirmed, the pin is verified: the next reply is wrapped to Bob at once.
    SentDelivery next = aliceReplies("more comments");
    assertThat(next.awaitingConfirmation()).isEmpty();
    assertThat(envelopeForBob(next.id())).isTrue();
  }

  @Test
  void operatorSubstitutingTheSendersKeysBeforeTheRecipientReads_getsNothingFromTheReply() {
    f.activate(alice, "alice's secupass").close();
    f.activate(bob, "bob's secupass").close();
    SafetyWords real = bobReads();

    // The operator replaces Bob's keys with its own before Alice ever used his, and sends to
    // Alice in Bob's name with them (Alice's words are public: her fingerprint is stored).
    OperatorKeys substituted = OperatorKeys.substitute(f.memory, bob.user(), "operator's pass");
    DeliveryId bait;
    try (SecuPassSession operator = f.unlock(bob, "operator's pass")) {
      bait = sendConfirmed(operator, bob, alice, "please send me the figures");
    }
    // Alice opens it: the signature checks under the keys storage presents, pinned on first use.
    try (SecuPassSession session = unlockAlice()) {
      assertThat(f.read(alice, session, bait)).isEqualTo("please send me the figures");
    }

    SentDelivery reply = aliceReplies("the figures");

    FirstContactHold hold = reply.awaitingConfirmation().get(0);
    assertThat(hold.recipient().user()).isEqualTo(bob.user());
    assertThat(hold.presented()).as("the words of the operator's keys").isNotEqualTo(real);
    assertThat(envelopeForBob(reply.id())).as("nothing wrapped to the substituted keys")
        .isFalse();
    // Bob's real words are refused against the substituted keys; nothing is released.
    try (SecuPassSession session = unlockAlice()) {
      assertThatThrownBy(() -> f.sdk.grants().confirmFirstContact(session, hold.grant(), real))
          .isInstanceOf(SafetyWordsMismatchException.class);
      assertThat(f.sdk.grants().fulfil(session).fulfilled()).isEmpty();
    }
    assertThat(envelopeForBob(reply.id())).isFalse();

    // With Bob's real keys back, the pin made when reading says they changed; Bob's real words
    // release the reply, to his keys.
    substituted.restore();
    try (SecuPassSession session = unlockAlice()) {
      GrantRun changed = f.sdk.grants().fulfil(session);
      assertThat(changed.fulfilled()).isEmpty();
      assertThat(changed.keyChanges()).extracting(c -> c.recipient().user())
          .containsExactly(bob.user());
      assertThat(f.sdk.grants().confirmFirstContact(session, hold.grant(), real).fulfilled())
          .containsExactly(hold.grant());
    }
    // Bob finds the pin of Alice the operator sealed in his name refused, and verifies her anew.
    try (SecuPassSession session = f.unlock(bob, "bob's secupass")) {
      assertThatThrownBy(() -> f.read(bob, session, reply.id()))
          .isInstanceOf(IntegrityException.class);
      f.sdk.secuPass().reverify(session, alice.user(),
          f.sdk.secuPass().fingerprint(alice.user()).orElseThrow());
      assertThat(f.read(bob, session, reply.id())).isEqualTo("the figures");
    }
  }

  @Test
  void trustOnFirstUse_chosenExplicitly_wrapsAReplyToKeysSeenWhenReading() {
    SdkFixture tofu = SdkFixture.trustingFirstUse();
    tofu.activate(alice, "alice's secupass").close();
    DeliveryId incoming;
    try (SecuPassSession session = tofu.activate(bob, "bob's secupass")) {
      incoming = tofu.sdk.deliveries().send(bob, session, draft(SecurityLevel.SECRET, "x",
          Addressee.partner(alice.user(), "alice@example.org")).build()).id();
    }
    try (SecuPassSession session = tofu.unlock(alice, "alice's secupass")) {
      assertThat(tofu.read(alice, session, incoming)).isEqualTo("x");
      SentDelivery reply = tofu.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET,
          "y", Addressee.partner(bob.user(), "bob@partner.example")).build());
      assertThat(reply.awaitingConfirmation()).isEmpty();
      assertThat(tofu.memory.deliveries().findEnvelope(reply.id(), bob.user(), KeyVersion.FIRST))
          .isPresent();
    }
  }
}
