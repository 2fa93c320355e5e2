package dev.secupass.core.grants;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.StorageException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.observe.Count;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.RecordingObserver;
import dev.secupass.core.observe.RecordingObserver.Recorded;
import dev.secupass.core.testing.SdkFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the grant engine tells an observer: each grant queued (its kind, and whether it is ready or
 * waits for a SecuPass), and each run (grants fulfilled, left for later, cancelled, and the age of
 * the oldest grant it claimed), the figures an operator watches to see the round trip stall.
 */
class GrantObservationsTest {
  private final RecordingObserver observer = new RecordingObserver();
  private final SdkFixture f = new SdkFixture(b -> b.observer(observer)
      .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()));
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");

  private void send(SignedInUser to) {
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "payload",
          Addressee.employee(to.user(), "")).build());
    }
  }

  /** The runs that claimed something, in order. */
  private List<Map<Count, Long>> runsThatClaimed() {
    return observer.of(Operation.GRANT_RUN).stream().map(Recorded::counts)
        .filter(counts -> counts.get(Count.GRANTS_FULFILLED) + counts.get(Count.GRANTS_LEFT)
            + counts.get(Count.GRANTS_CANCELLED) > 0)
        .toList();
  }

  @Test
  void runs_countWhatTheyDid_andTheAgeOfTheOldestGrantTheyClaimed() {
    f.activate(alice, "alice pass").close();
    send(bob);
    f.clock.advance(Duration.ofMinutes(1));
    send(carol);
    f.clock.advance(Duration.ofMinutes(4));
    f.activate(bob, "bob pass").close();
    f.activate(carol, "carol pass").close();

    assertThat(observer.of(Operation.GRANT_QUEUE)).hasSize(2).allSatisfy(queued -> {
      assertThat(queued.tag(ObservationTag.KIND)).isEqualTo("delivery");
      assertThat(queued.tag(ObservationTag.STATE)).isEqualTo("waiting");
    });
    assertThat(runsThatClaimed()).isEmpty();
    assertThat(observer.of(Operation.GRANT_RUN)).allSatisfy(run ->
        assertThat(run.counts()).containsEntry(Count.OLDEST_GRANT_AGE, 0L));

    f.unlock(alice, "alice pass").close();

    // Bob's grant was queued 5 minutes before Alice's unlock, Carol's 4.
    assertThat(runsThatClaimed()).containsExactly(Map.of(Count.GRANTS_FULFILLED, 2L,
        Count.GRANTS_LEFT, 0L, Count.GRANTS_CANCELLED, 0L,
        Count.OLDEST_GRANT_AGE, Duration.ofMinutes(5).toMillis()));

    try (SecuPass forgotten = SecuPass.of("bob's new pass")) {
      f.sdk.secuPass().reset(bob.user(), forgotten).close();
    }
    f.clock.advance(Duration.ofMinutes(2));
    f.unlock(alice, "alice pass").close();

    // Bob's new key waits for Alice to compare fingerprints: one grant left for later.
    assertThat(runsThatClaimed()).last().isEqualTo(Map.of(Count.GRANTS_FULFILLED, 0L,
        Count.GRANTS_LEFT, 1L, Count.GRANTS_CANCELLED, 0L,
        Count.OLDEST_GRANT_AGE, Duration.ofMinutes(2).toMillis()));
  }

  @Test
  void aGrantThatFailed_isCountedAsLeft() {
    f.activate(alice, "alice pass").close();
    send(bob);
    f.activate(bob, "bob pass").close();
    f.storage.faults().failNext("deliveries.putEnvelope",
        () -> new StorageException("the database is unavailable", true, null));

    f.unlock(alice, "alice pass").close();

    assertThat(runsThatClaimed()).containsExactly(Map.of(Count.GRANTS_FULFILLED, 0L,
        Count.GRANTS_LEFT, 1L, Count.GRANTS_CANCELLED, 0L, Count.OLDEST_GRANT_AGE, 0L));
  }
}
