package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.EventId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventOutbox}: events stay pending in append order until acknowledged,
 * claims hand each pending event to one claimant at a time under a lease, and each audience's
 * events are listed newest first. Tests of {@code claim} first acknowledge whatever the store
 * hands out, so they see only their own events (events others leased stay hidden until their
 * leases expire, and tests that move the clock past a lease look only at their own events).
 */
// Rules are tests: they dereference what the store under test returned, and a null there fails
// the rule. Like the SDK's own tests, they are not null-checked.
@SuppressWarnings("NullAway")
@DisplayName("EventOutbox contract")
public abstract class EventOutboxContractTest extends StorageContract {
  static final Duration LEASE = Duration.ofMinutes(2);

  EventOutbox events() {
    return storage.events();
  }

  /** Acknowledges every event the store hands out now, so a test sees only its own. */
  void drainPending() {
    List<Event> pending;
    while (!(pending = events().claim(1000, LEASE)).isEmpty()) {
      pending.forEach(event -> events().acknowledge(event.id()));
    }
  }

  Event appended(UserId audience, Instant at) {
    Event event = Samples.event(audience, at);
    events().append(event);
    return event;
  }

  List<EventId> claimedIds(int limit) {
    return ids(events().claim(limit, LEASE));
  }

  static List<EventId> ids(List<Event> events) {
    return events.stream().map(Event::id).toList();
  }

  @Nested
  @DisplayName("EventOutbox.claim")
  class Claim {
    @Test
    @DisplayName("hands out pending events in the order they were appended, up to the limit,"
        + " each with a fresh lease")
    void claim_appendOrderUpToLimit_withLeases() {
      drainPending();
      Instant now = clock.instant();
      Event first = appended(Samples.user(), now.plusSeconds(5));
      Event second = appended(Samples.user(), now);
      Event third = appended(Samples.user(), now.plusSeconds(1));

      List<Event> claimed = events().claim(2, LEASE);

      assertThat(ids(claimed)).containsExactly(first.id(), second.id());
      for (Event event : claimed) {
        Lease lease = Objects.requireNonNull(event.lease());
        assertThat(lease.expiresAt()).isEqualTo(now.plus(LEASE));
        assertThat(event.withLease(null)).isEqualTo(event.id().equals(first.id()) ? first
            : second);
      }
      assertThat(claimed.get(0).lease().token()).isNotEqualTo(claimed.get(1).lease().token());
      assertThat(claimedIds(10)).containsExactly(third.id());
    }

    @Test
    @DisplayName("does not hand out a claimed event again while its lease runs")
    void claim_leased_notClaimedBeforeExpiry() {
      drainPending();
      Event event = appended(Samples.user(), clock.instant());
      assertThat(claimedIds(10)).containsExactly(event.id());

      clock.advance(LEASE.minusSeconds(1));

      assertThat(claimedIds(1000)).doesNotContain(event.id());
    }

    @Test
    @DisplayName("hands a claimed event out again once its lease expired, under a new lease")
    void claim_leaseExpired_claimedAgain() {
      drainPending();
      Event event = appended(Samples.user(), clock.instant());
      Lease first = Objects.requireNonNull(events().claim(10, LEASE).get(0).lease());

      clock.advance(LEASE);

      List<Event> again = events().claim(1000, LEASE).stream()
          .filter(e -> e.id().equals(event.id())).toList();
      assertThat(again).hasSize(1);
      assertThat(again.get(0).lease().token()).isNotEqualTo(first.token());
    }

    @Test
    @DisplayName("stops handing out an event once acknowledged, leased or not; acknowledging is"
        + " idempotent")
    void acknowledge_removesFromPending_idempotent() {
      drainPending();
      Event leased = appended(Samples.user(), clock.instant());
      assertThat(claimedIds(10)).containsExactly(leased.id());
      Event free = appended(Samples.user(), clock.instant());
      Event kept = appended(Samples.user(), clock.instant());

      events().acknowledge(leased.id());
      events().acknowledge(free.id());
      events().acknowledge(free.id());
      clock.advance(LEASE);

      List<EventId> claimed = claimedIds(1000);
      assertThat(claimed).contains(kept.id()).doesNotContain(leased.id(), free.id());
    }

    @Test
    @DisplayName("ignores acknowledging an unknown event")
    void acknowledge_unknown_isIgnored() {
      drainPending();
      Event event = appended(Samples.user(), clock.instant());

      events().acknowledge(Samples.eventId());

      assertThat(claimedIds(10)).containsExactly(event.id());
    }

    @Test
    @DisplayName("hands a released event out again at once")
    void release_currentLease_claimableAtOnce() {
      drainPending();
      Event event = appended(Samples.user(), clock.instant());
      Lease lease = Objects.requireNonNull(events().claim(10, LEASE).get(0).lease());

      events().release(event.id(), lease.token());

      assertThat(claimedIds(10)).containsExactly(event.id());
    }

    @Test
    @DisplayName("ignores a release under another token, or of an unknown or acknowledged event")
    void release_wrongTokenOrUnknown_doesNothing() {
      drainPending();
      Event event = appended(Samples.user(), clock.instant());
      Lease lease = Objects.requireNonNull(events().claim(10, LEASE).get(0).lease());

      events().release(event.id(), "not-the-token");
      events().release(Samples.eventId(), lease.token());
      assertThat(claimedIds(10)).isEmpty();

      events().acknowledge(event.id());
      events().release(event.id(), lease.token());
      assertThat(claimedIds(10)).isEmpty();
    }

    @Test
    @DisplayName("of many nodes claiming at once, no two get the same event while its lease runs")
    void claim_racingNodes_neverShareAnEvent() {
      drainPending();
      Set<EventId> mine = new HashSet<>();
      for (int i = 0; i < 3 * Race.THREADS; i++) {
        mine.add(appended(Samples.user(), clock.instant()).id());
      }

      List<EventId> claimed = new ArrayList<>();
      for (Race.Outcome<List<Event>> outcome : Race.run(i -> events().claim(4, LEASE))) {
        assertThat(outcome.failure()).isNull();
        claimed.addAll(ids(Objects.requireNonNull(outcome.value())));
      }

      assertThat(claimed).doesNotHaveDuplicates();
      assertThat(mine).containsAll(claimed);
      assertThat(claimedIds(1000)).doesNotContainAnyElementsOf(claimed);
    }

    @Test
    @DisplayName("rejects a limit below 1 or a lease that is not positive")
    void claim_invalidArguments_throwIllegalArgument() {
      assertThatThrownBy(() -> events().claim(0, LEASE))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> events().claim(1, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("rejects appending an event that carries a lease")
    void append_leased_throwsIllegalArgument() {
      Event leased = Samples.event(Samples.user(), clock.instant())
          .withLease(new Lease("token", clock.instant().plus(LEASE)));

      assertThatThrownBy(() -> events().append(leased))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(events().forAudience(leased.audience(), PageRequest.first(10)).items())
          .isEmpty();
    }

    @Test
    @DisplayName("appends a batch of events that are claimed in the batch's order")
    void appendAll_batch_claimedInOrder() {
      drainPending();
      List<Event> batch = List.of(Samples.event(Samples.user(), clock.instant()),
          Samples.event(Samples.user(), clock.instant().minusSeconds(5)),
          Samples.event(Samples.user(), clock.instant()));

      events().appendAll(batch);
      events().appendAll(List.of());

      assertThat(claimedIds(10)).containsExactlyElementsOf(ids(batch));
    }

    @Test
    @DisplayName("in a transaction, a batch with a taken event id conflicts and appends none")
    void appendAll_takenIdInTransaction_appendsNone() {
      drainPending();
      Event first = appended(Samples.user(), clock.instant());
      drainPending();
      Event fresh = Samples.event(Samples.user(), clock.instant());
      Event clash = new Event(first.id(), "grant.ready", Samples.user(), Samples.bytes(10),
          clock.instant());

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        tx.events().appendAll(List.of(fresh, clash));
        return null;
      })).isInstanceOf(ConflictException.class);
      assertThat(events().claim(10, LEASE)).isEmpty();
    }

    @Test
    @DisplayName("conflicts on an event id that is taken, keeping the first event")
    void append_takenId_conflicts() {
      drainPending();
      Event first = appended(Samples.user(), clock.instant());
      Event clash = new Event(first.id(), "grant.ready", Samples.user(), Samples.bytes(10),
          clock.instant());

      assertThatThrownBy(() -> events().append(clash)).isInstanceOf(ConflictException.class);
      List<Event> claimed = events().claim(10, LEASE);
      assertThat(claimed).hasSize(1);
      assertThat(claimed.get(0).withLease(null)).isEqualTo(first);
    }
  }

  @Nested
  @DisplayName("EventOutbox.forAudience")
  class ForAudience {
    @Test
    @DisplayName("lists an audience's events newest first, acknowledged and claimed ones included,"
        + " without leases")
    void forAudience_newestFirst_includesAcknowledged() {
      drainPending();
      UserId audience = Samples.user();
      Instant now = clock.instant();
      Event old = appended(audience, now);
      Event newest = appended(audience, now.plusSeconds(20));
      Event middle = appended(audience, now.plusSeconds(10));
      appended(Samples.user(), now.plusSeconds(15));
      events().acknowledge(middle.id());
      events().claim(1000, LEASE);

      assertThat(events().forAudience(audience, PageRequest.first(10)).items())
          .containsExactly(newest, middle, old);
    }

    @Test
    @DisplayName("pages through an audience's events visiting each once")
    void forAudience_paging_eachOnce() {
      UserId audience = Samples.user();
      Instant now = clock.instant();
      List<Event> all = IntStream.range(0, 17)
          .mapToObj(i -> appended(audience, now.plusMillis(i % 5)))
          .toList();

      List<Event> paged = Paging.all(p -> events().forAudience(audience, p), 4);

      assertThat(paged).containsExactlyElementsOf(all.stream()
          .sorted(Comparator.comparing(Event::createdAt).thenComparing(Event::id).reversed())
          .toList());
      assertThat(events().forAudience(Samples.user(), PageRequest.first(4)).items()).isEmpty();
    }
  }
}
