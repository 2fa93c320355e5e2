package dev.secupass.core.internal.memory;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link GrantQueue}. Grants are indexed by recipient, by (granter, state) and by
 * (target, state), each oldest first, so a claim walks only the ready grants its filter selects.
 */
public final class MemoryGrantQueue implements GrantQueue {
  private final Access access;
  private final Clock clock;
  private final State state;

  public MemoryGrantQueue(Access access, Clock clock) {
    this(access, clock, new State());
  }

  private MemoryGrantQueue(Access access, Clock clock, State state) {
    this.access = access;
    this.clock = clock;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryGrantQueue bind(Access other) {
    return new MemoryGrantQueue(other, clock, state);
  }

  @Override
  public Grant enqueue(Grant grant) {
    if (grant.state().isFinal() || grant.lease() != null) {
      throw new IllegalArgumentException("a queued grant must be waiting or ready, without lease");
    }
    return access.write(journal -> {
      GrantId open = state.open.get(new Pair(grant.target(), grant.recipient()));
      if (open != null) {
        return state.byId.get(open);
      }
      if (state.byId.containsKey(grant.id())) {
        throw new ConflictException("grant " + grant.id() + " exists");
      }
      store(journal, null, grant);
      return grant;
    });
  }

  @Override
  public Optional<Grant> find(GrantId id) {
    return access.read(() -> Optional.ofNullable(state.byId.get(id)));
  }

  @Override
  public List<Grant> find(GrantFilter filter, Set<GrantState> states, int limit) {
    Pages.requireLimit(limit);
    return access.read(() -> {
      List<Grant> found = new ArrayList<>();
      Iterator<TimeKey<GrantId>> matching = matching(filter, states);
      while (found.size() < limit && matching.hasNext()) {
        found.add(state.byId.get(matching.next().id()));
      }
      return found;
    });
  }

  @Override
  public List<Grant> forRecipient(UserId recipient) {
    return access.read(() ->
        state.byRecipient.get(recipient).stream().map(key -> state.byId.get(key.id())).toList());
  }

  @Override
  public List<Grant> markReady(UserId recipient, KeyVersion version) {
    return access.write(journal -> {
      Instant now = now();
      List<Grant> waiting = state.byRecipient.get(recipient).stream()
          .map(key -> state.byId.get(key.id()))
          .filter(grant -> grant.state() == GrantState.WAITING_FOR_KEY)
          .toList();
      List<Grant> ready = new ArrayList<>();
      for (Grant grant : waiting) {
        Grant made = new Grant(grant.id(), grant.target(), grant.recipient(), grant.granter(),
            GrantState.READY, version, grant.createdAt(), now, null);
        store(journal, grant, made);
        ready.add(made);
      }
      return ready;
    });
  }

  @Override
  public List<Grant> claim(GrantFilter filter, int max, Duration leaseDuration) {
    if (max < 1 || leaseDuration.isZero() || leaseDuration.isNegative()) {
      throw new IllegalArgumentException("claim at least one grant for a positive duration");
    }
    return access.write(journal -> {
      Instant now = now();
      List<Grant> claimed = new ArrayList<>();
      Iterator<TimeKey<GrantId>> ready = matching(filter, Set.of(GrantState.READY));
      while (claimed.size() < max && ready.hasNext()) {
        Grant grant = Objects.requireNonNull(state.byId.get(ready.next().id()));
        if (grant.lease() == null || !grant.lease().expiresAt().isAfter(now)) {
          Lease lease = new Lease(UUID.randomUUID().toString(), now.plus(leaseDuration));
          Grant leased = withLease(grant, lease);
          store(journal, grant, leased);
          claimed.add(leased);
        }
      }
      return claimed;
    });
  }

  @Override
  public void complete(GrantId id, String leaseToken) {
    access.write(journal -> {
      Grant grant = state.byId.get(id);
      if (grant == null) {
        throw new NotFoundException("no grant " + id);
      }
      if (grant.state() == GrantState.DONE) {
        return null;
      }
      if (!heldUnder(grant, leaseToken)) {
        throw new ConflictException("grant " + id + " is not held under this lease");
      }
      store(journal, grant, moved(grant, GrantState.DONE));
      return null;
    });
  }

  @Override
  public void release(GrantId id, String leaseToken) {
    access.write(journal -> {
      Grant grant = state.byId.get(id);
      if (grant != null && heldUnder(grant, leaseToken)) {
        store(journal, grant, withLease(grant, null));
      }
      return null;
    });
  }

  @Override
  public int cancel(GrantTarget target) {
    return access.write(journal -> {
      List<Grant> open = new ArrayList<>();
      for (GrantState s : List.of(GrantState.WAITING_FOR_KEY, GrantState.READY)) {
        state.byTarget.get(new TargetState(target, s))
            .forEach(key -> open.add(state.byId.get(key.id())));
      }
      open.forEach(grant -> store(journal, grant, moved(grant, GrantState.CANCELLED)));
      return open.size();
    });
  }

  @Override
  public int cancel(GrantTarget target, UserId recipient) {
    return access.write(journal -> {
      GrantId open = state.open.get(new Pair(target, recipient));
      if (open == null) {
        return 0;
      }
      Grant grant = Objects.requireNonNull(state.byId.get(open));
      store(journal, grant, moved(grant, GrantState.CANCELLED));
      return 1;
    });
  }

  /** Counted from an index of the open grants by state, oldest first. */
  @Override
  public Optional<GrantQueueSummary> summary() {
    return access.read(() -> {
      NavigableSet<TimeKey<GrantId>> waiting = state.byState.get(GrantState.WAITING_FOR_KEY);
      NavigableSet<TimeKey<GrantId>> ready = state.byState.get(GrantState.READY);
      return Optional.of(new GrantQueueSummary(waiting.size(), ready.size(),
          waiting.isEmpty() ? null : waiting.first().at(),
          ready.isEmpty() ? null : ready.first().at()));
    });
  }

  private Iterator<TimeKey<GrantId>> matching(GrantFilter filter, Set<GrantState> states) {
    List<NavigableSet<TimeKey<GrantId>>> sources = new ArrayList<>();
    for (GrantState s : states) {
      filter.granters().forEach(g -> sources.add(state.byGranter.get(new GranterState(g, s))));
      filter.targets().forEach(t -> sources.add(state.byTarget.get(new TargetState(t, s))));
    }
    return new Merged<>(sources);
  }

  /** Replaces {@code before} (null for a new grant) by {@code after} and keeps every index. */
  private void store(Journal journal, @Nullable Grant before, Grant after) {
    journal.put(state.byId, after.id(), after);
    if (before != null && before.state() == after.state()) {
      return;
    }
    TimeKey<GrantId> key = new TimeKey<>(after.createdAt(), after.id());
    if (before == null) {
      state.byRecipient.add(journal, after.recipient(), key);
    } else {
      index(journal, before, key, false);
    }
    index(journal, after, key, true);
    Pair pair = new Pair(after.target(), after.recipient());
    if (after.state().isFinal()) {
      journal.remove(state.open, pair);
    } else {
      journal.put(state.open, pair, after.id());
    }
  }

  private void index(Journal journal, Grant grant, TimeKey<GrantId> key, boolean add) {
    TargetState byTarget = new TargetState(grant.target(), grant.state());
    @Nullable UserId granter = grant.granter();
    if (add) {
      state.byTarget.add(journal, byTarget, key);
      if (!grant.state().isFinal()) {
        state.byState.add(journal, grant.state(), key);
      }
      if (granter != null) {
        state.byGranter.add(journal, new GranterState(granter, grant.state()), key);
      }
    } else {
      state.byTarget.remove(journal, byTarget, key);
      state.byState.remove(journal, grant.state(), key);
      if (granter != null) {
        state.byGranter.remove(journal, new GranterState(granter, grant.state()), key);
      }
    }
  }

  private Grant moved(Grant grant, GrantState next) {
    return new Grant(grant.id(), grant.target(), grant.recipient(), grant.granter(), next,
        grant.recipientKeyVersion(), grant.createdAt(), now(), null);
  }

  private static Grant withLease(Grant grant, @Nullable Lease lease) {
    return new Grant(grant.id(), grant.target(), grant.recipient(), grant.granter(),
        grant.state(), grant.recipientKeyVersion(), grant.createdAt(), grant.updatedAt(), lease);
  }

  private static boolean heldUnder(Grant grant, String leaseToken) {
    return grant.lease() != null && grant.lease().token().equals(leaseToken);
  }

  /** The clock's now at the SDK's stored precision. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private record Pair(GrantTarget target, UserId recipient) {}

  private record GranterState(UserId granter, GrantState state) {}

  private record TargetState(GrantTarget target, GrantState state) {}

  private static final class State {
    final Map<GrantId, Grant> byId = new HashMap<>();
    /** The one grant per target and recipient that is not final. */
    final Map<Pair, GrantId> open = new HashMap<>();
    final SetIndex<UserId, TimeKey<GrantId>> byRecipient = new SetIndex<>();
    final SetIndex<GranterState, TimeKey<GrantId>> byGranter = new SetIndex<>();
    final SetIndex<TargetState, TimeKey<GrantId>> byTarget = new SetIndex<>();
    /** The open grants by state (final ones are not indexed here). */
    final SetIndex<GrantState, TimeKey<GrantId>> byState = new SetIndex<>();
  }
}
