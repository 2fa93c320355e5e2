package dev.secupass.core.grants;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code Grants.backlog()}: the whole queue's first contacts by what they wait for, counted by the
 * storage, through the default first-contact policy (a held release is ready in the queue).
 */
class GrantBacklogTest {
  private final SdkFixture f = new SdkFixture(b -> b.grantExecutor(Runnable::run));
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");

  private GrantBacklog backlog() {
    return f.sdk.grants().backlog().orElseThrow();
  }

  @Test
  void backlog_followsFirstContactsFromWaitingToHeldToReleased() {
    assertThat(backlog()).isEqualTo(new GrantBacklog(0, 0, null, null, f.clock.instant()));
    Instant sent = f.clock.instant();
    try (SecuPassSession a = f.activate(alice, "alice pass")) {
      f.sdk.deliveries().send(alice, a, draft(SecurityLevel.SECRET, "for bob",
          Addressee.employee(bob.user(), "")).build());
      f.clock.advance(Duration.ofMinutes(1));
      f.sdk.deliveries().send(alice, a, draft(SecurityLevel.SECRET, "for carol",
          Addressee.employee(carol.user(), "")).build());
    }
    f.clock.advance(Duration.ofMinutes(9));

    GrantBacklog waiting = backlog();
    assertThat(waiting.count(PendingGrant.State.AWAITING_SECUPASS)).isEqualTo(2);
    assertThat(waiting.oldest(PendingGrant.State.AWAITING_SECUPASS)).contains(sent);
    assertThat(waiting.oldestAge(PendingGrant.State.AWAITING_SECUPASS))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(waiting.count(PendingGrant.State.READY)).isZero();
    assertThat(waiting.oldestAge(PendingGrant.State.READY)).isZero();

    SafetyWords bobsWords;
    try (SecuPassSession b = f.activate(bob, "bob pass")) {
      bobsWords = SafetyWords.of(b.fingerprint());
    }
    GrantRun held;
    try (SecuPassSession a = f.unlock(alice, "alice pass")) {
      held = f.sdk.grants().fulfil(a);
      assertThat(held.awaitingConfirmation()).hasSize(1);
      // Held for Alice's confirmation: still ready in the queue, and counted so.
      GrantBacklog atHold = backlog();
      assertThat(atHold.awaitingSecuPass()).isEqualTo(1);
      assertThat(atHold.ready()).isEqualTo(1);
      assertThat(atHold.oldestReady()).isEqualTo(sent);

      f.sdk.grants().confirmFirstContact(a, held.awaitingConfirmation().get(0).grant(),
          bobsWords);
    }
    GrantBacklog released = backlog();
    assertThat(released.ready()).isZero();
    assertThat(released.oldestReady()).isNull();
    assertThat(released.awaitingSecuPass()).isEqualTo(1);
    assertThat(released.oldest(PendingGrant.State.AWAITING_SECUPASS))
        .contains(sent.plus(Duration.ofMinutes(1)));
  }

  @Test
  void aStorageThatCannotCount_hasNoBacklog() {
    f.storage.faults().<Optional<?>>rewrite("grants.summary", counted -> Optional.empty());

    assertThat(f.sdk.grants().backlog()).isEmpty();
  }
}
