package dev.secupass.core.internal.memory;

import dev.secupass.api.ConflictException;
import dev.secupass.api.EventId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The in-memory {@link EventOutbox}: pending events by append sequence with their leases, every
 * event by audience and creation time. Leases are measured with the storage's clock.
 */
public final class MemoryEventOutbox implements EventOutbox {
  private final Access access;
  private final Clock clock;
  private final State state;

  public MemoryEventOutbox(Access access, Clock clock) {
    this(access, clock, new State());
  }

  private MemoryEventOutbox(Access access, Clock clock, State state) {
    this.access = access;
    this.clock = clock;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryEventOutbox bind(Access other) {
    return new MemoryEventOutbox(other, clock, state);
  }

  @Override
  public void append(Event event) {
    if (event.lease() != null) {
      throw new IllegalArgumentException("a new event carries no lease");
    }
    access.write(journal -> {
      if (state.events.containsKey(event.id())) {
        throw new ConflictException("event " + event.id() + " exists");
      }
      long sequence = state.nextSequence++;
      journal.put(state.events, event.id(), event);
      journal.put(state.pending, sequence, event.id());
      journal.put(state.sequences, event.id(), sequence);
      state.byAudience.add(journal, event.audience(), new TimeKey<>(event.createdAt(), event.id()));
      return null;
    });
  }

  @Override
  public List<Event> claim(int limit, Duration leaseDuration) {
    if (limit < 1 || leaseDuration.isZero() || leaseDuration.isNegative()) {
      throw new IllegalArgumentException("claim at least one event for a positive duration");
    }
    return access.write(journal -> {
      Instant now = clock.instant();
      List<Event> claimed = new ArrayList<>();
      for (EventId id : state.pending.values()) {
        if (claimed.size() == limit) {
          break;
        }
        Lease held = state.leases.get(id);
        if (held == null || !held.expiresAt().isAfter(now)) {
          Lease lease = new Lease(UUID.randomUUID().toString(), now.plus(leaseDuration));
          journal.put(state.leases, id, lease);
          Event event = Objects.requireNonNull(state.events.get(id), "pending event");
          claimed.add(event.withLease(lease));
        }
      }
      return claimed;
    });
  }

  @Override
  public void acknowledge(EventId id) {
    access.write(journal -> {
      journal.remove(state.leases, id);
      Long sequence = journal.remove(state.sequences, id);
      return sequence == null ? null : journal.remove(state.pending, sequence);
    });
  }

  @Override
  public void release(EventId id, String leaseToken) {
    access.write(journal -> {
      Lease held = state.leases.get(id);
      return held != null && held.token().equals(leaseToken)
          ? journal.remove(state.leases, id) : null;
    });
  }

  @Override
  public Page<Event> forAudience(UserId audience, PageRequest page) {
    return access.read(() -> {
      NavigableSet<TimeKey<EventId>> newestFirst = state.byAudience.get(audience).descendingSet();
      NavigableSet<TimeKey<EventId>> rest = page.after()
          .map(cursor -> newestFirst.tailSet(TimeKey.parse(cursor, EventId::of), false))
          .orElse(newestFirst);
      return Pages.of(rest.iterator(), page.limit(), key -> state.events.get(key.id()),
          TimeKey::cursor);
    });
  }

  private static final class State {
    final Map<EventId, Event> events = new HashMap<>();
    /** Pending events by append sequence. */
    final NavigableMap<Long, EventId> pending = new TreeMap<>();
    /** The append sequence of each pending event. */
    final Map<EventId, Long> sequences = new HashMap<>();
    /** The leases of pending events that were claimed (expired ones may linger). */
    final Map<EventId, Lease> leases = new HashMap<>();
    final SetIndex<UserId, TimeKey<EventId>> byAudience = new SetIndex<>();
    /** Only changed under the write lock; gaps left by rolled-back appends are harmless. */
    long nextSequence;
  }
}
