package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.secupass.api.ConflictException;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GrantQueueSummary;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link GrantQueue}: idempotent queueing, the grant lifecycle, and leases that
 * exclude other workers until they expire by the store's clock.
 */
@DisplayName("GrantQueue contract")
// Rules are tests: they dereference what the store under test returned, and a null there fails
// the rule. Like the SDK's own tests, they are not null-checked.
@SuppressWarnings("NullAway")
public abstract class GrantQueueContractTest extends StorageContract {
  static final Duration LEASE = Duration.ofMinutes(5);
  static final Set<GrantState> ALL_STATES = EnumSet.allOf(GrantState.class);
  /** Creation times of the summary rules' grants: older than anything made now. */
  static final Instant OLD = Instant.parse("2001-01-01T00:00:00Z");
  static final Instant OLDER = Instant.parse("2000-01-01T00:00:00Z");

  GrantQueue grants() {
    return storage.grants();
  }

  static GrantTarget newDelivery() {
    return GrantTarget.delivery(Samples.deliveryId());
  }

  /** Queues a grant; the clock moves a millisecond on so grants have distinct ages. */
  Grant queued(Grant grant) {
    Grant stored = grants().enqueue(grant);
    clock.advance(Duration.ofMillis(1));
    return stored;
  }

  Grant ready(UserId granter) {
    return ready(newDelivery(), Samples.user(), granter);
  }

  Grant ready(GrantTarget target, UserId recipient, @Nullable UserId granter) {
    return queued(Grant.ready(Samples.grantId(), target, recipient, granter, KeyVersion.FIRST,
        clock.instant()));
  }

  Grant waiting(GrantTarget target, UserId recipient, UserId granter) {
    return queued(Grant.waiting(Samples.grantId(), target, recipient, granter, clock.instant()));
  }

  Grant claimOne(Grant grant) {
    List<Grant> claimed = grants().claim(GrantFilter.granter(grant.granter()), 1, LEASE);
    assertThat(claimed).extracting(Grant::id).containsExactly(grant.id());
    return claimed.get(0);
  }

  GrantState stateOf(Grant grant) {
    return grants().find(grant.id()).orElseThrow().state();
  }

  @Nested
  @DisplayName("GrantQueue.enqueue")
  class Enqueue {
    @Test
    @DisplayName("stores a waiting grant as given, without lease")
    void enqueue_waiting_storedAsGiven() {
      Grant grant = Grant.waiting(Samples.grantId(), newDelivery(), Samples.user(),
          Samples.user(), clock.instant());

      assertThat(grants().enqueue(grant)).isEqualTo(grant);
      assertThat(grants().find(grant.id())).contains(grant);
    }

    @Test
    @DisplayName("stores a ready grant as given, also a room grant without a named granter")
    void enqueue_ready_storedAsGiven() {
      Grant named = Grant.ready(Samples.grantId(), newDelivery(), Samples.user(), Samples.user(),
          KeyVersion.of(3), clock.instant());
      Grant open = Grant.ready(Samples.grantId(), GrantTarget.room(Samples.roomId()),
          Samples.user(), null, KeyVersion.FIRST, clock.instant());

      assertThat(grants().enqueue(named)).isEqualTo(named);
      assertThat(grants().enqueue(open)).isEqualTo(open);
      assertThat(grants().find(named.id())).contains(named);
      assertThat(grants().find(open.id())).contains(open);
    }

    @Test
    @DisplayName("returns the open grant of the same target and recipient and stores nothing")
    void enqueue_openGrantExists_returnsIt() {
      GrantTarget target = newDelivery();
      UserId recipient = Samples.user();
      Grant first = waiting(target, recipient, Samples.user());
      Grant second = Grant.ready(Samples.grantId(), target, recipient, Samples.user(),
          KeyVersion.FIRST, clock.instant());

      assertThat(grants().enqueue(second)).isEqualTo(first);
      assertThat(grants().find(second.id())).isEmpty();
      assertThat(grants().forRecipient(recipient)).containsExactly(first);
    }

    @Test
    @DisplayName("of racing enqueues for one target and recipient all get the one stored grant")
    void enqueue_racing_storesOneGrant() {
      GrantTarget target = newDelivery();
      UserId recipient = Samples.user();
      UserId granter = Samples.user();

      List<Grant> returned = Race.run(i -> grants().enqueue(Grant.waiting(Samples.grantId(),
          target, recipient, granter, clock.instant()))).stream()
          .map(outcome -> {
            assertThat(outcome.failure()).isNull();
            return outcome.value();
          })
          .toList();

      assertThat(grants().forRecipient(recipient)).hasSize(1);
      assertThat(returned).containsOnly(grants().forRecipient(recipient).get(0));
    }

    @Test
    @DisplayName("stores a new grant once the earlier one of the target and recipient is final")
    void enqueue_earlierGrantFinal_storesNew() {
      GrantTarget target = newDelivery();
      UserId recipient = Samples.user();
      Grant first = waiting(target, recipient, Samples.user());
      grants().cancel(target, recipient);

      Grant second = waiting(target, recipient, Samples.user());

      assertThat(second.id()).isNotEqualTo(first.id());
      assertThat(grants().forRecipient(recipient)).extracting(Grant::id)
          .containsExactly(first.id(), second.id());
    }

    @Test
    @DisplayName("rejects a grant that is final or carries a lease")
    void enqueue_finalOrLeased_throwsIllegalArgument() {
      Instant now = clock.instant();
      Grant done = new Grant(Samples.grantId(), newDelivery(), Samples.user(), Samples.user(),
          GrantState.DONE, KeyVersion.FIRST, now, now, null);
      Grant leased = new Grant(Samples.grantId(), newDelivery(), Samples.user(), Samples.user(),
          GrantState.READY, KeyVersion.FIRST, now, now, new Lease("token", now.plus(LEASE)));

      assertThatThrownBy(() -> grants().enqueue(done))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> grants().enqueue(leased))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(grants().find(done.id())).isEmpty();
      assertThat(grants().find(leased.id())).isEmpty();
    }

    @Test
    @DisplayName("conflicts on a grant id that is taken")
    void enqueue_takenId_conflicts() {
      Grant first = ready(Samples.user());
      Grant sameId = Grant.waiting(first.id(), newDelivery(), Samples.user(), Samples.user(),
          clock.instant());

      assertThatThrownBy(() -> grants().enqueue(sameId)).isInstanceOf(ConflictException.class);
      assertThat(grants().find(first.id())).contains(first);
    }

    @Test
    @DisplayName("finds nothing for an unknown grant id")
    void find_unknownId_isEmpty() {
      assertThat(grants().find(Samples.grantId())).isEmpty();
    }
  }

  @Nested
  @DisplayName("GrantQueue queries")
  class Queries {
    @Test
    @DisplayName("finds the grants of a named granter in the given states, oldest first")
    void find_byGranterAndState_oldestFirst() {
      UserId granter = Samples.user();
      Grant older = ready(granter);
      Grant waiting = waiting(newDelivery(), Samples.user(), granter);
      Grant newer = ready(granter);
      ready(Samples.user());

      assertThat(grants().find(GrantFilter.granter(granter), Set.of(GrantState.READY), 10))
          .containsExactly(older, newer);
      assertThat(grants().find(GrantFilter.granter(granter), ALL_STATES, 10))
          .containsExactly(older, waiting, newer);
    }

    @Test
    @DisplayName("finds the grants of a target whoever the granter, merged with the granter's")
    void find_byTarget_matchesAnyGranter() {
      GrantTarget room = GrantTarget.room(Samples.roomId());
      UserId granter = Samples.user();
      Grant open = ready(room, Samples.user(), null);
      Grant named = ready(room, Samples.user(), Samples.user());
      Grant own = ready(granter);
      Grant both = ready(room, Samples.user(), granter);

      GrantFilter filter = new GrantFilter(Set.of(granter), Set.of(room));

      assertThat(grants().find(filter, ALL_STATES, 10)).containsExactly(open, named, own, both);
    }

    @Test
    @DisplayName("matches nothing with an empty filter")
    void find_emptyFilter_matchesNothing() {
      ready(Samples.user());

      assertThat(grants().find(new GrantFilter(Set.of(), Set.of()), ALL_STATES, 10)).isEmpty();
    }

    @Test
    @DisplayName("returns at most the limit, leased grants included")
    void find_limitAndLeased() {
      UserId granter = Samples.user();
      Grant first = ready(granter);
      Grant second = ready(granter);
      ready(granter);
      Grant leased = claimOne(first);

      assertThat(grants().find(GrantFilter.granter(granter), ALL_STATES, 2))
          .containsExactly(leased, second);
    }

    @Test
    @DisplayName("lists every grant of a recipient in any state, oldest first")
    void forRecipient_everyState_oldestFirst() {
      UserId recipient = Samples.user();
      Grant a = waiting(newDelivery(), recipient, Samples.user());
      Grant b = ready(newDelivery(), recipient, Samples.user());
      Grant c = waiting(newDelivery(), recipient, Samples.user());
      grants().cancel(c.target());
      ready(newDelivery(), Samples.user(), Samples.user());

      assertThat(grants().forRecipient(recipient)).extracting(Grant::id)
          .containsExactly(a.id(), b.id(), c.id());
      assertThat(grants().forRecipient(Samples.user())).isEmpty();
    }
  }

  @Nested
  @DisplayName("GrantQueue.markReady")
  class MarkReady {
    @Test
    @DisplayName("makes every waiting grant of the recipient ready for the version, at now")
    void markReady_waitingGrants_becomeReady() {
      UserId recipient = Samples.user();
      Grant a = waiting(newDelivery(), recipient, Samples.user());
      Grant b = waiting(newDelivery(), recipient, Samples.user());
      Grant other = waiting(newDelivery(), Samples.user(), Samples.user());
      Instant now = clock.advance(Duration.ofMinutes(1));

      grants().markReady(recipient, KeyVersion.of(2));

      for (Grant grant : List.of(a, b)) {
        Grant updated = grants().find(grant.id()).orElseThrow();
        assertThat(updated.state()).isEqualTo(GrantState.READY);
        assertThat(updated.recipientKeyVersion()).isEqualTo(KeyVersion.of(2));
        assertThat(updated.updatedAt()).isEqualTo(now);
        assertThat(updated.createdAt()).isEqualTo(grant.createdAt());
      }
      assertThat(grants().find(other.id())).contains(other);
    }

    @Test
    @DisplayName("returns the grants it changed, oldest first, exactly as they are stored now")
    void markReady_returnsChangedGrantsAsStored() {
      UserId recipient = Samples.user();
      Grant a = waiting(newDelivery(), recipient, Samples.user());
      clock.advance(Duration.ofSeconds(1));
      Grant b = waiting(newDelivery(), recipient, Samples.user());
      clock.advance(Duration.ofMinutes(1));

      List<Grant> changed = grants().markReady(recipient, KeyVersion.of(2));

      assertThat(changed).extracting(Grant::id).containsExactly(a.id(), b.id());
      for (Grant grant : changed) {
        assertThat(grants().find(grant.id())).contains(grant);
      }
    }

    @Test
    @DisplayName("leaves grants that are not waiting alone and returns only changed ones")
    void markReady_notWaiting_unchanged() {
      UserId recipient = Samples.user();
      Grant ready = ready(newDelivery(), recipient, Samples.user());
      Grant cancelled = waiting(newDelivery(), recipient, Samples.user());
      grants().cancel(cancelled.target());

      assertThat(grants().markReady(recipient, KeyVersion.of(2))).isEmpty();
      assertThat(grants().find(ready.id())).contains(ready);
      assertThat(stateOf(cancelled)).isEqualTo(GrantState.CANCELLED);
      assertThat(grants().markReady(Samples.user(), KeyVersion.FIRST)).isEmpty();
    }

    @Test
    @DisplayName("of racing calls for one recipient, each waiting grant is returned by exactly one")
    void markReady_racing_eachGrantReturnedOnce() {
      UserId recipient = Samples.user();
      Set<GrantId> waiting = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        waiting.add(waiting(newDelivery(), recipient, Samples.user()).id());
      }

      List<GrantId> returned = new ArrayList<>();
      for (Race.Outcome<List<Grant>> outcome
          : Race.run(i -> grants().markReady(recipient, KeyVersion.of(2)))) {
        assertThat(outcome.failure()).isNull();
        Objects.requireNonNull(outcome.value()).forEach(grant -> returned.add(grant.id()));
      }

      assertThat(returned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(waiting);
    }
  }

  @Nested
  @DisplayName("GrantQueue.claim")
  class Claim {
    @Test
    @DisplayName("claims matching ready grants oldest first, up to max, each with a fresh lease")
    void claim_oldestFirstUpToMax_withLeases() {
      UserId granter = Samples.user();
      Grant oldest = ready(granter);
      Grant middle = ready(granter);
      ready(granter);
      Instant now = clock.instant();

      List<Grant> claimed = grants().claim(GrantFilter.granter(granter), 2, LEASE);

      assertThat(claimed).extracting(Grant::id).containsExactly(oldest.id(), middle.id());
      assertThat(claimed).allSatisfy(grant -> {
        assertThat(grant.lease()).isNotNull();
        assertThat(grant.lease().expiresAt()).isEqualTo(now.plus(LEASE));
        assertThat(grant.state()).isEqualTo(GrantState.READY);
        assertThat(grants().find(grant.id())).contains(grant);
      });
      assertThat(claimed.get(0).lease().token()).isNotEqualTo(claimed.get(1).lease().token());
    }

    @Test
    @DisplayName("claims neither waiting grants nor grants outside the filter")
    void claim_waitingOrUnmatched_notClaimed() {
      UserId granter = Samples.user();
      waiting(newDelivery(), Samples.user(), granter);
      ready(Samples.user());

      assertThat(grants().claim(GrantFilter.granter(granter), 10, LEASE)).isEmpty();
    }

    @Test
    @DisplayName("does not hand out a leased grant again before its lease expires")
    void claim_leased_notClaimedBeforeExpiry() {
      Grant grant = ready(Samples.user());
      claimOne(grant);

      assertThat(grants().claim(GrantFilter.granter(grant.granter()), 10, LEASE)).isEmpty();
      clock.advance(LEASE.minusMillis(1));
      assertThat(grants().claim(GrantFilter.granter(grant.granter()), 10, LEASE)).isEmpty();
    }

    @Test
    @DisplayName("hands a grant out again once its lease expired by the store's clock")
    void claim_expiredLease_claimableAgain() {
      Grant grant = ready(Samples.user());
      Grant first = claimOne(grant);
      clock.advance(LEASE);

      Grant second = claimOne(grant);

      assertThat(second.lease().token()).isNotEqualTo(first.lease().token());
      assertThat(second.lease().expiresAt()).isEqualTo(clock.instant().plus(LEASE));
    }

    @Test
    @DisplayName("rejects max below 1 and a lease duration that is not positive")
    void claim_badArguments_throwIllegalArgument() {
      GrantFilter filter = GrantFilter.granter(ready(Samples.user()).granter());

      assertThatThrownBy(() -> grants().claim(filter, 0, LEASE))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> grants().claim(filter, 1, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> grants().claim(filter, 1, Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("of many racing workers each grant is claimed by exactly one")
    void claim_racingWorkers_neverShareAGrant() {
      UserId granter = Samples.user();
      List<Grant> queued = IntStream.range(0, 30).mapToObj(i -> ready(granter)).toList();
      List<Grant> claimed = Collections.synchronizedList(new ArrayList<>());

      Race.run(worker -> {
        // 10 claims of 3 empty the queue; a store that hands grants out twice stops at 20.
        for (int round = 0; round < 20; round++) {
          List<Grant> batch = grants().claim(GrantFilter.granter(granter), 3, LEASE);
          if (batch.isEmpty()) {
            break;
          }
          claimed.addAll(batch);
        }
        return null;
      });

      assertThat(claimed).extracting(Grant::id).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(queued.stream().map(Grant::id).toList());
    }
  }

  @Nested
  @DisplayName("GrantQueue.completeAll")
  class CompleteAll {
    @Test
    @DisplayName("marks every grant of a claimed batch DONE, at now, a done one among them too")
    void completeAll_claimedBatch_allDone() {
      UserId granter = Samples.user();
      for (int i = 0; i < 4; i++) {
        ready(granter);
      }
      List<Grant> claimed = grants().claim(GrantFilter.granter(granter), 4, LEASE);
      grants().complete(claimed.get(1).id(), claimed.get(1).lease().token());
      Instant now = clock.advance(Duration.ofSeconds(10));

      grants().completeAll(claimed);

      assertThat(claimed).allSatisfy(grant -> {
        Grant done = grants().find(grant.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(GrantState.DONE);
        assertThat(done.lease()).isNull();
      });
      assertThat(grants().find(claimed.get(0).id()).orElseThrow().updatedAt()).isEqualTo(now);
    }

    @Test
    @DisplayName("in a transaction, one grant re-claimed by another worker conflicts and none of"
        + " the batch is done")
    void completeAll_oneReclaimed_conflictsAndNoneDoneInTransaction() {
      UserId granter = Samples.user();
      for (int i = 0; i < 3; i++) {
        ready(granter);
      }
      List<Grant> claimed = grants().claim(GrantFilter.granter(granter), 3, LEASE);
      clock.advance(LEASE);
      Grant stolen = grants().claim(GrantFilter.granter(granter), 1, LEASE).get(0);
      assertThat(stolen.id()).isEqualTo(claimed.get(0).id());
      // The re-claimed grant comes last, after two the call may complete before it finds out.
      List<Grant> batch = List.of(claimed.get(1), claimed.get(2), claimed.get(0));

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        tx.grants().completeAll(batch);
        return null;
      })).isInstanceOf(ConflictException.class);
      assertThat(claimed).allSatisfy(grant ->
          assertThat(stateOf(grant)).isEqualTo(GrantState.READY));
      assertThat(grants().find(stolen.id()).orElseThrow().lease()).isEqualTo(stolen.lease());
    }

    @Test
    @DisplayName("throws NotFound for an unknown grant, and IllegalArgument for one not claimed")
    void completeAll_unknownOrUnclaimed_throws() {
      Grant unknown = Grant.ready(Samples.grantId(), newDelivery(), Samples.user(),
          Samples.user(), KeyVersion.FIRST, clock.instant());
      Grant leasedUnknown = new Grant(unknown.id(), unknown.target(), unknown.recipient(),
          unknown.granter(), unknown.state(), unknown.recipientKeyVersion(), unknown.createdAt(),
          unknown.updatedAt(), new Lease("token", clock.instant().plus(LEASE)));

      assertThatThrownBy(() -> grants().completeAll(List.of(leasedUnknown)))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> grants().completeAll(List.of(ready(Samples.user()))))
          .isInstanceOf(IllegalArgumentException.class);
      grants().completeAll(List.of());
    }
  }

  @Nested
  @DisplayName("GrantQueue.complete and release")
  class CompleteAndRelease {
    @Test
    @DisplayName("marks a grant held under the lease DONE, at now")
    void complete_heldLease_done() {
      Grant claimed = claimOne(ready(Samples.user()));
      Instant now = clock.advance(Duration.ofSeconds(10));

      grants().complete(claimed.id(), claimed.lease().token());

      Grant done = grants().find(claimed.id()).orElseThrow();
      assertThat(done.state()).isEqualTo(GrantState.DONE);
      assertThat(done.updatedAt()).isEqualTo(now);
    }

    @Test
    @DisplayName("completing a done grant again succeeds and changes nothing, whatever the token")
    void complete_again_isIdempotent() {
      Grant claimed = claimOne(ready(Samples.user()));
      grants().complete(claimed.id(), claimed.lease().token());
      Grant done = grants().find(claimed.id()).orElseThrow();
      clock.advance(Duration.ofMinutes(1));

      grants().complete(claimed.id(), claimed.lease().token());
      grants().complete(claimed.id(), "another-token");

      assertThat(grants().find(claimed.id())).contains(done);
    }

    @Test
    @DisplayName("of many racing completions under the same lease all succeed")
    void complete_racingSameLease_allSucceed() {
      Grant claimed = claimOne(ready(Samples.user()));

      assertThat(Race.run(i -> {
        grants().complete(claimed.id(), claimed.lease().token());
        return i;
      })).allMatch(Race.Outcome::succeeded);
      assertThat(stateOf(claimed)).isEqualTo(GrantState.DONE);
    }

    @Test
    @DisplayName("throws NotFound for an unknown grant")
    void complete_unknown_throwsNotFound() {
      assertThatThrownBy(() -> grants().complete(Samples.grantId(), "token"))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("conflicts on a token that is not the grant's lease, changing nothing")
    void complete_wrongToken_conflicts() {
      Grant claimed = claimOne(ready(Samples.user()));

      assertThatThrownBy(() -> grants().complete(claimed.id(), "not-the-token"))
          .isInstanceOf(ConflictException.class);
      assertThat(grants().find(claimed.id())).contains(claimed);
    }

    @Test
    @DisplayName("conflicts on a ready grant nobody claimed")
    void complete_unclaimed_conflicts() {
      Grant grant = ready(Samples.user());

      assertThatThrownBy(() -> grants().complete(grant.id(), "token"))
          .isInstanceOf(ConflictException.class);
      assertThat(stateOf(grant)).isEqualTo(GrantState.READY);
    }

    @Test
    @DisplayName("completes under a lease that expired but was not re-claimed")
    void complete_expiredNotReclaimed_completes() {
      Grant claimed = claimOne(ready(Samples.user()));
      clock.advance(LEASE.multipliedBy(3));

      grants().complete(claimed.id(), claimed.lease().token());

      assertThat(stateOf(claimed)).isEqualTo(GrantState.DONE);
    }

    @Test
    @DisplayName("conflicts for the old holder once another worker re-claimed the grant")
    void complete_reclaimedByAnother_conflicts() {
      Grant grant = ready(Samples.user());
      Grant first = claimOne(grant);
      clock.advance(LEASE);
      Grant second = claimOne(grant);

      assertThatThrownBy(() -> grants().complete(grant.id(), first.lease().token()))
          .isInstanceOf(ConflictException.class);
      grants().complete(grant.id(), second.lease().token());
      assertThat(stateOf(grant)).isEqualTo(GrantState.DONE);
    }

    @Test
    @DisplayName("release lets another worker claim the grant at once")
    void release_heldLease_claimableAtOnce() {
      Grant grant = ready(Samples.user());
      Grant claimed = claimOne(grant);

      grants().release(grant.id(), claimed.lease().token());

      Grant again = claimOne(grant);
      assertThat(again.lease().token()).isNotEqualTo(claimed.lease().token());
      assertThatThrownBy(() -> grants().complete(grant.id(), claimed.lease().token()))
          .isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("release under another token or of an unknown grant does nothing")
    void release_wrongTokenOrUnknown_doesNothing() {
      Grant claimed = claimOne(ready(Samples.user()));

      grants().release(claimed.id(), "not-the-token");
      grants().release(Samples.grantId(), "token");

      assertThat(grants().find(claimed.id())).contains(claimed);
      assertThat(grants().claim(GrantFilter.granter(claimed.granter()), 1, LEASE)).isEmpty();
    }
  }

  /**
   * The summary spans the whole queue, which may hold rows of other tests: the rules compare
   * counts before and after, and date their grants in 2000-2001, before anything a test makes
   * now. The grants they leave open are cancelled at the end.
   */
  @Nested
  @DisplayName("GrantQueue.summary")
  class Summary {
    GrantQueueSummary summary() {
      Optional<GrantQueueSummary> summary = grants().summary();
      assumeTrue(summary.isPresent(), "this store does not summarize its queue");
      return summary.get();
    }

    Grant queuedAt(Instant at, GrantState state, UserId granter) {
      GrantTarget target = newDelivery();
      return grants().enqueue(state == GrantState.READY
          ? Grant.ready(Samples.grantId(), target, Samples.user(), granter, KeyVersion.FIRST, at)
          : Grant.waiting(Samples.grantId(), target, Samples.user(), granter, at));
    }

    @Test
    @DisplayName("counts the open grants of each state, leased ones too, and dates the oldest of"
        + " each; final grants count for nothing")
    void summary_openGrants_countedByStateWithOldest() {
      GrantQueueSummary before = summary();
      Grant done = queuedAt(OLDER, GrantState.READY, Samples.user());
      grants().complete(done.id(), claimOne(done).lease().token());
      Grant cancelled = queuedAt(OLDER, GrantState.WAITING_FOR_KEY, Samples.user());
      grants().cancel(cancelled.target());
      List<Grant> open = List.of(
          queuedAt(OLD, GrantState.WAITING_FOR_KEY, Samples.user()),
          waiting(newDelivery(), Samples.user(), Samples.user()),
          queuedAt(OLD, GrantState.READY, Samples.user()),
          claimOne(ready(Samples.user())));

      GrantQueueSummary after = summary();

      assertThat(after.waitingForKey() - before.waitingForKey()).isEqualTo(2);
      assertThat(after.ready() - before.ready()).isEqualTo(2);
      assertThat(after.oldestWaitingForKey()).isEqualTo(OLD);
      assertThat(after.oldestReady()).isEqualTo(OLD);
      open.forEach(grant -> grants().cancel(grant.target()));
      assertThat(summary().waitingForKey()).isEqualTo(before.waitingForKey());
      assertThat(summary().ready()).isEqualTo(before.ready());
    }

    @Test
    @DisplayName("follows each grant from waiting to ready to done or cancelled")
    void summary_followsTransitions() {
      GrantQueueSummary before = summary();
      UserId recipient = Samples.user();
      UserId granter = Samples.user();
      Grant first = grants().enqueue(Grant.waiting(Samples.grantId(), newDelivery(), recipient,
          granter, OLD));
      waiting(newDelivery(), recipient, granter);

      GrantQueueSummary queued = summary();
      grants().markReady(recipient, KeyVersion.FIRST);
      GrantQueueSummary marked = summary();
      grants().complete(first.id(), claimOne(first).lease().token());
      GrantQueueSummary completed = summary();
      grants().forRecipient(recipient).forEach(grant -> grants().cancel(grant.target()));
      GrantQueueSummary cancelled = summary();

      assertThat(queued.waitingForKey() - before.waitingForKey()).isEqualTo(2);
      assertThat(queued.oldestWaitingForKey()).isEqualTo(OLD);
      assertThat(marked.waitingForKey()).isEqualTo(before.waitingForKey());
      assertThat(marked.ready() - before.ready()).isEqualTo(2);
      assertThat(marked.oldestReady()).isEqualTo(OLD);
      assertThat(completed.ready() - before.ready()).isEqualTo(1);
      assertThat(cancelled.waitingForKey()).isEqualTo(before.waitingForKey());
      assertThat(cancelled.ready()).isEqualTo(before.ready());
    }
  }

  @Nested
  @DisplayName("GrantQueue.cancel")
  class Cancel {
    @Test
    @DisplayName("cancels every grant of the target that is not final, leased or not, at now")
    void cancel_target_cancelsOpenGrants() {
      GrantTarget target = newDelivery();
      Grant waiting = waiting(target, Samples.user(), Samples.user());
      Grant ready = ready(target, Samples.user(), Samples.user());
      Grant leased = ready(target, Samples.user(), Samples.user());
      claimOne(leased);
      Grant done = ready(target, Samples.user(), Samples.user());
      grants().complete(done.id(), claimOne(done).lease().token());
      Grant elsewhere = ready(newDelivery(), Samples.user(), Samples.user());
      Instant now = clock.advance(Duration.ofMinutes(1));

      assertThat(grants().cancel(target)).isEqualTo(3);

      for (Grant grant : List.of(waiting, ready, leased)) {
        Grant cancelled = grants().find(grant.id()).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(GrantState.CANCELLED);
        assertThat(cancelled.updatedAt()).isEqualTo(now);
      }
      assertThat(stateOf(done)).isEqualTo(GrantState.DONE);
      assertThat(grants().find(elsewhere.id())).contains(elsewhere);
      assertThat(grants().cancel(target)).isZero();
    }

    @Test
    @DisplayName("cancels only the given recipient's grant of the target")
    void cancel_targetAndRecipient_onlyThatRecipient() {
      GrantTarget target = newDelivery();
      UserId leaving = Samples.user();
      Grant theirs = waiting(target, leaving, Samples.user());
      Grant others = waiting(target, Samples.user(), Samples.user());

      assertThat(grants().cancel(target, leaving)).isEqualTo(1);

      assertThat(stateOf(theirs)).isEqualTo(GrantState.CANCELLED);
      assertThat(grants().find(others.id())).contains(others);
      assertThat(grants().cancel(target, leaving)).isZero();
    }

    @Test
    @DisplayName("a cancelled grant's lease no longer completes it")
    void cancel_leased_completeConflicts() {
      Grant claimed = claimOne(ready(Samples.user()));

      grants().cancel(claimed.target());

      assertThatThrownBy(() -> grants().complete(claimed.id(), claimed.lease().token()))
          .isInstanceOf(ConflictException.class);
      assertThat(stateOf(claimed)).isEqualTo(GrantState.CANCELLED);
    }
  }
}
