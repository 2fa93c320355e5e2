package dev.secupass.core.memory;

import dev.secupass.api.ConflictException;
import dev.secupass.api.EventId;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * The in-memory {@link EventOutbox}: pending events by append sequence, every event by audience
 * and creation time.
 */
final class MemoryEventOutbox implements EventOutbox {
  private final Access access;
  private final State state;

  MemoryEventOutbox(Access access) {
    this(access, new State());
  }

  private MemoryEventOutbox(Access access, State state) {
    this.access = access;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  MemoryEventOutbox bind(Access other) {
    return new MemoryEventOutbox(other, state);
  }

  @Override
  public void append(Event event) {
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
  public List<Event> pending(int limit) {
    Pages.requireLimit(limit);
    return access.read(() -> state.pending.values().stream()
        .limit(limit)
        .map(state.events::get)
        .toList());
  }

  @Override
  public void acknowledge(EventId id) {
    access.write(journal -> {
      Long sequence = journal.remove(state.sequences, id);
      return sequence == null ? null : journal.remove(state.pending, sequence);
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
    final SetIndex<UserId, TimeKey<EventId>> byAudience = new SetIndex<>();
    /** Only changed under the write lock; gaps left by rolled-back appends are harmless. */
    long nextSequence;
  }
}
