package dev.secupass.core.internal.grants;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FirstContactRefusedException;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import dev.secupass.api.SessionClosedException;
import dev.secupass.api.StorageException;
import dev.secupass.api.UnverifiedKeyException;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.FirstContactRefusal;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.KeyChange;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.firstcontact.SafetyWordList;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.observe.Run;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.observe.Count;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the grant queue: the first-contact round trip in which a granter's unlocked session wraps a
 * delivery's or room's key to a recipient who activated a SecuPass after it was sent.
 *
 * <ul>
 *   <li>The flows {@link #queue} grants in the transaction of the change that needs them, and
 *       {@link #cancel} them when their target expires or is withdrawn.
 *   <li>{@link #markReady} (on a recipient's activation or unlock) and {@link #regrantAfterReset}
 *       (on a reset) make grants ready and record a {@code grant.ready} event for each granter, in
 *       the caller's transaction; after it commits, {@link #dispatch} lets open sessions of those
 *       granters fulfil them at once.
 *   <li>{@link #fulfil} claims the ready grants a session can fulfil in batches, with a lease, and
 *       fulfils each batch in one transaction through the {@link GrantHandler} of each grant's
 *       kind ({@link GrantHandler#fulfilAll}: the delivery handler reads the batch's rows with one
 *       batch read per kind, {@link BatchReads}), storing the batch's envelopes, events,
 *       completions and audit lines with one call each ({@link GrantWrites}). If anything in that transaction fails, it is rolled back whole
 *       and each grant of the batch is fulfilled again in a transaction of its own, so one
 *       failing grant neither takes the others down nor is done twice. Leases keep concurrent
 *       sessions (in this process or others) from working on one grant; an envelope stored twice
 *       is harmless; completion is conditional on the lease. A worker that dies mid-batch leaves
 *       leases that expire, and the grants are claimed again.
 *   <li>Every open session of the SDK ({@link Sessions}) fulfils newly ready grants without being
 *       asked; {@link #pollOpenSessions()} picks up grants made ready by other processes.
 * </ul>
 *
 * <p>Safe for use by many threads.
 */
public final class GrantEngine {
  private static final Logger LOG = LoggerFactory.getLogger(GrantEngine.class);

  /** The default lease: how long a claimed grant is held before others may claim it again. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

  /** The number of grants claimed at once. */
  public static final int BATCH_SIZE = 16;

  private final Storage storage;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration leaseDuration;
  private final Executor executor;
  private final Map<GrantTarget.Kind, GrantHandler> handlers;
  private final Sessions sessions;
  private final EventRecorder events;
  private final AuditRecorder audit;
  private final SecuPassObserver observer;

  public GrantEngine(Storage storage, Clock clock, SecureRandom random, Duration leaseDuration,
      Executor executor, Sessions sessions, List<GrantHandler> handlers) {
    this(storage, clock, random, leaseDuration, executor, sessions, handlers,
        SecuPassObserver.NONE);
  }

  /** @param observer told of each grant queued and each fulfilment run */
  public GrantEngine(Storage storage, Clock clock, SecureRandom random, Duration leaseDuration,
      Executor executor, Sessions sessions, List<GrantHandler> handlers,
      SecuPassObserver observer) {
    this.observer = observer;
    this.storage = storage;
    this.clock = clock;
    this.random = random;
    this.leaseDuration = leaseDuration;
    this.executor = executor;
    this.sessions = sessions;
    Map<GrantTarget.Kind, GrantHandler> byKind = new EnumMap<>(GrantTarget.Kind.class);
    for (GrantHandler handler : handlers) {
      if (byKind.put(handler.kind(), handler) != null) {
        throw new IllegalArgumentException("two handlers for " + handler.kind() + " grants");
      }
    }
    this.handlers = Map.copyOf(byKind);
    this.events = new EventRecorder(clock, random);
    this.audit = new AuditRecorder(clock);
  }

  /**
   * Queues a grant in {@code tx}: ready at once if the recipient has an active key (and then the
   * granters are told), otherwise waiting for the recipient's activation. Idempotent per target and
   * recipient: an open grant for them is returned as it is.
   *
   * @param granter who fulfils it, or {@code null} for any owner or manager of a room
   */
  public Grant queue(Storage tx, GrantTarget target, UserId recipient, @Nullable UserId granter) {
    return Run.measure(observer, Operation.GRANT_QUEUE, run -> {
      run.tag(ObservationTag.KIND, target.kind().name().toLowerCase(Locale.ROOT));
      Grant stored = enqueue(tx, target, recipient, granter, true);
      run.tag(ObservationTag.STATE,
          stored.state() == GrantState.READY ? "ready" : "waiting");
      return stored;
    });
  }

  /**
   * Queues a grant in {@code tx} like {@link #queue}, without telling the granter that it is
   * ready: for a grant the granter's own action just made and the first-contact policy holds (a
   * direct send to keys the sender never verified), whose hold the action reports itself.
   */
  public Grant queueHeld(Storage tx, GrantTarget target, UserId recipient, UserId granter) {
    return Run.measure(observer, Operation.GRANT_QUEUE, run -> {
      run.tag(ObservationTag.KIND, target.kind().name().toLowerCase(Locale.ROOT));
      Grant stored = enqueue(tx, target, recipient, granter, false);
      run.tag(ObservationTag.STATE,
          stored.state() == GrantState.READY ? "ready" : "waiting");
      return stored;
    });
  }

  private Grant enqueue(Storage tx, GrantTarget target, UserId recipient,
      @Nullable UserId granter, boolean tell) {
    Optional<KeyRecord> key = tx.keys().findActive(recipient);
    GrantId id = GrantId.random(random);
    Grant grant = key
        .map(k -> Grant.ready(id, target, recipient, granter, k.version(), clock.instant()))
        .orElseGet(() -> Grant.waiting(id, target, recipient, granter, clock.instant()));
    Grant stored = tx.grants().enqueue(grant);
    if (tell && stored.id().equals(id) && stored.state() == GrantState.READY) {
      announce(tx, stored);
    }
    return stored;
  }

  /** Cancels every open grant of {@code target} in {@code tx}; returns how many. */
  public int cancel(Storage tx, GrantTarget target) {
    return tx.grants().cancel(target);
  }

  /** Cancels the open grant of {@code target} for {@code recipient} in {@code tx}, if any. */
  public int cancel(Storage tx, GrantTarget target, UserId recipient) {
    return tx.grants().cancel(target, recipient);
  }

  /**
   * After {@code recipient} activated (or unlocked) key {@code version}: makes their waiting grants
   * ready and records a {@code grant.ready} event for each granter, in {@code tx}. One indexed
   * update: the recipient's other grants are not read. Idempotent: run again (every unlock runs
   * it) it finds nothing waiting.
   *
   * @return the grants made ready, to {@link #dispatch} after {@code tx} commits
   */
  public List<Grant> markReady(Storage tx, UserId recipient, KeyVersion version) {
    List<Grant> ready = tx.grants().markReady(recipient, version);
    ready.forEach(grant -> announce(tx, grant));
    return ready;
  }

  /**
   * After {@code user} reset their SecuPass to key {@code version}: queues, in {@code tx}, a ready
   * grant of everything the handlers say they could open before (replacing open grants for their
   * old key), and tells the granters.
   *
   * @return the grants queued, to {@link #dispatch} after {@code tx} commits
   */
  public List<Grant> regrantAfterReset(Storage tx, UserId user, KeyVersion version) {
    List<Grant> queued = new ArrayList<>();
    for (GrantHandler handler : handlers.values()) {
      for (Regrant regrant : handler.regrantsAfterReset(user, tx)) {
        tx.grants().cancel(regrant.target(), user);
        Grant grant = tx.grants().enqueue(Grant.ready(GrantId.random(random), regrant.target(),
            user, regrant.granter(), version, clock.instant()));
        announce(tx, grant);
        queued.add(grant);
      }
    }
    return queued;
  }

  /**
   * Lets the open sessions that can fulfil {@code ready} do so now, on the engine's executor. Call
   * after the transaction that made them ready committed. Failures are logged, not thrown: the
   * grants stay ready for the granter's next unlock or poll.
   */
  public void dispatch(Collection<Grant> ready) {
    if (ready.isEmpty()) {
      return;
    }
    Map<KeySession, Boolean> toRun = new IdentityHashMap<>();
    List<KeySession> open = sessions.open();
    // What each user manages is read from the stores once per dispatch, not once per grant.
    Map<UserId, Set<GrantTarget>> managed = new HashMap<>();
    for (Grant grant : ready) {
      for (KeySession session : open) {
        if (grant.granter() != null ? grant.granter().equals(session.user())
            : managed.computeIfAbsent(session.user(), this::managedTargets)
                .contains(grant.target())) {
          toRun.put(session, Boolean.TRUE);
        }
      }
    }
    toRun.keySet().forEach(this::fulfilSoon);
  }

  /**
   * Claims and fulfils every ready grant {@code session}'s user can fulfil (as named granter, or
   * for a target a handler says they manage), each in its own transaction. Grants that fail stay
   * ready and are released at the end for others to try.
   *
   * @return what was done; empty if the session is closed
   * @throws StorageException if the backend fails to claim
   */
  public GrantRun fulfil(KeySession session) {
    if (!session.isOpen()) {
      return GrantRun.EMPTY;
    }
    return Run.measure(observer, Operation.GRANT_RUN, measured -> {
      Tally tally = new Tally();
      GrantRun result = fulfilClaimed(session, tally);
      Instant oldest = tally.oldest;
      measured.count(Count.OLDEST_GRANT_AGE, oldest == null ? 0
          : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()));
      measured.count(Count.GRANTS_FULFILLED, result.fulfilled().size())
          .count(Count.GRANTS_LEFT, result.keyChanges().size() + result.failed().size())
          .count(Count.GRANTS_CANCELLED, result.cancelled().size());
      return result;
    });
  }

  private GrantRun fulfilClaimed(KeySession session, Tally run) {
    GrantFilter filter = new GrantFilter(Set.of(session.user()), managedTargets(session.user()));
    List<Grant> held = new ArrayList<>();
    try {
      List<Grant> claimed;
      while (!(claimed = storage.grants().claim(filter, BATCH_SIZE, leaseDuration)).isEmpty()) {
        run.claimed(claimed);
        if (claimed.size() > 1 && fulfilTogether(session, claimed, run)) {
          continue;
        }
        Iterator<Grant> batch = claimed.iterator();
        while (batch.hasNext()) {
          Grant grant = batch.next();
          Outcome outcome = fulfilOne(session, grant, run);
          if (outcome != Outcome.FINISHED) {
            held.add(grant);
          }
          if (outcome == Outcome.STOP) {
            batch.forEachRemaining(held::add);
            return run.result();
          }
        }
      }
      return run.result();
    } finally {
      release(held);
    }
  }

  /**
   * Runs {@link #fulfil} for {@code session} on the engine's executor, logging failures instead of
   * throwing them (what an unlock does).
   */
  public void fulfilSoon(KeySession session) {
    executor.execute(() -> fulfilQuietly(session));
  }

  /** Runs {@link #fulfil} for every open session; returns the runs together. */
  public GrantRun pollOpenSessions() {
    GrantRun total = GrantRun.EMPTY;
    for (KeySession session : sessions.open()) {
      total = total.plus(fulfilQuietly(session));
    }
    return total;
  }

  /**
   * The open grants (waiting for the recipient's key, or ready) that {@code granter} can fulfil,
   * oldest first.
   *
   * @param limit at most this many, 1 or more
   */
  public List<Grant> pending(UserId granter, int limit) {
    return storage.grants().find(new GrantFilter(Set.of(granter), managedTargets(granter)),
        EnumSet.of(GrantState.WAITING_FOR_KEY, GrantState.READY), limit);
  }

  /** The recipient of {@code grant} as a host value, read through {@code on}. */
  public Person recipient(Storage on, Grant grant) {
    GrantHandler handler = handlers.get(grant.target().kind());
    return handler == null ? People.of(on, grant.recipient()) : handler.recipient(grant, on);
  }

  private Set<GrantTarget> managedTargets(UserId user) {
    Set<GrantTarget> targets = new HashSet<>();
    handlers.values().forEach(handler -> targets.addAll(handler.managedTargets(user)));
    return targets;
  }

  private void announce(Storage tx, Grant grant) {
    GrantHandler handler = handlers.get(grant.target().kind());
    Set<UserId> audience = handler == null
        ? grant.namedGranter().map(Set::of).orElse(Set.of())
        : handler.readyAudience(grant, tx);
    EventPayload.Builder payload = EventPayload.builder()
        .put(EventTypes.TARGET, grant.target().toString())
        .person(EventTypes.RECIPIENT, recipient(tx, grant));
    if (grant.target().kind() == GrantTarget.Kind.DELIVERY) {
      payload.put(EventTypes.DELIVERY, grant.target().id());
    }
    audience.forEach(user -> events.record(tx, EventTypes.GRANT_READY, People.of(tx, user),
        payload));
  }

  private GrantRun fulfilQuietly(KeySession session) {
    try {
      return fulfil(session);
    } catch (RuntimeException e) {
      LOG.warn("fulfilling the grants of user {} failed: {}", session.user(), e.getMessage());
      return GrantRun.EMPTY;
    }
  }

  private enum Outcome { FINISHED, HELD, STOP }

  /**
   * Fulfils {@code claimed} in one transaction, all or nothing.
   *
   * @return whether all were fulfilled (and recorded in {@code run}); if not, nothing of the
   *     attempt remains and the caller fulfils them one by one
   */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private boolean fulfilTogether(KeySession session, List<Grant> claimed, Tally run) {
    for (Grant grant : claimed) {
      if (!handlers.containsKey(grant.target().kind())) {
        return false;
      }
    }
    try {
      storage.inTransaction(tx -> {
        GrantWrites.Batch writes = GrantWrites.batch();
        Map<GrantTarget.Kind, List<Grant>> byKind = new EnumMap<>(GrantTarget.Kind.class);
        claimed.forEach(grant -> byKind.computeIfAbsent(grant.target().kind(),
            kind -> new ArrayList<>()).add(grant));
        byKind.forEach((kind, grants) -> handlers.get(kind).fulfilAll(session, grants, tx,
            writes));
        claimed.forEach(grant -> finish(session, grant, writes));
        writes.store(tx);
        return null;
      });
    } catch (RuntimeException e) {
      LOG.debug("a batch of {} grants failed together ({}); fulfilling them one by one",
          claimed.size(), messageOf(e));
      return false;
    }
    claimed.forEach(grant -> run.fulfilled.add(grant.id()));
    return true;
  }

  /** Completes {@code grant} and records it in the audit trail, through {@code writes}. */
  private void finish(KeySession session, Grant grant, GrantWrites writes) {
    writes.complete(grant);
    writes.audit(audit.entry(session.user(), "grant.fulfil", "grant:" + grant.id(),
        AuditRecorder.OK));
  }

  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private Outcome fulfilOne(KeySession session, Grant grant, Tally run) {
    GrantHandler handler = handlers.get(grant.target().kind());
    if (handler == null) {
      run.failed.put(grant.id(), "this version cannot fulfil " + grant.target().kind()
          + " grants");
      return Outcome.HELD;
    }
    try {
      storage.inTransaction(tx -> {
        GrantWrites writes = GrantWrites.immediate(tx);
        handler.fulfil(session, grant, tx, writes);
        finish(session, grant, writes);
        return null;
      });
      run.fulfilled.add(grant.id());
      return Outcome.FINISHED;
    } catch (KeyChangedException e) {
      LOG.info("grant {} waits: the keys of user {} changed since they were pinned", grant.id(),
          e.subject());
      run.keyChanges.add(new KeyChange(grant.id(), e.person(), e.pinned(), e.presented()));
      return Outcome.HELD;
    } catch (UnverifiedKeyException e) {
      LOG.info("grant {} waits: its granter has not verified the first keys of user {}",
          grant.id(), grant.recipient());
      boolean room = grant.target().kind() == GrantTarget.Kind.ROOM;
      run.held.add(new FirstContactHold(grant.id(), e.recipient(),
          room ? null : DeliveryId.of(grant.target().id()),
          room ? RoomId.of(grant.target().id()) : null, SafetyWordList.of(e.presented())));
      return Outcome.HELD;
    } catch (FirstContactRefusedException e) {
      refuse(session, grant, e);
      run.refused.add(new FirstContactRefusal(grant.id(), e.recipient(),
          DeliveryId.of(grant.target().id()), e.reason()));
      return Outcome.FINISHED;
    } catch (StaleGrantException e) {
      storage.inTransaction(tx -> {
        tx.grants().cancel(grant.target(), grant.recipient());
        audit.record(tx, session.user(), "grant.cancel", "grant:" + grant.id(), "stale");
        return null;
      });
      run.cancelled.add(grant.id());
      return Outcome.FINISHED;
    } catch (ConflictException e) {
      LOG.debug("grant {} was taken over by another worker", grant.id());
      return Outcome.FINISHED;
    } catch (SessionClosedException | StorageException e) {
      run.failed.put(grant.id(), messageOf(e));
      return Outcome.STOP;
    } catch (RuntimeException e) {
      LOG.warn("grant {} failed and stays ready: {}", grant.id(), messageOf(e));
      run.failed.put(grant.id(), messageOf(e));
      return Outcome.HELD;
    }
  }

  /**
   * Cancels a delivery grant whose first contact was refused, records the refusal in the audit
   * trail and tells the granter, in one transaction: the delivery stays locked for those keys.
   */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private void refuse(KeySession session, Grant grant, FirstContactRefusedException e) {
    storage.inTransaction(tx -> {
      tx.grants().cancel(grant.target(), grant.recipient());
      audit.record(tx, session.user(), "first_contact.refuse", "delivery:" + grant.target().id(),
          e.reason().name().toLowerCase(Locale.ROOT));
      events.record(tx, EventTypes.FIRST_CONTACT_REFUSED, People.of(tx, session.user()),
          EventPayload.builder()
              .put(EventTypes.DELIVERY, grant.target().id())
              .person(EventTypes.RECIPIENT, e.recipient())
              .put(EventTypes.REASON, e.reason().name().toLowerCase(Locale.ROOT)));
      return null;
    });
    LOG.warn("grant {} refused: the first keys of user {} lack a valid access code binding ({})",
        grant.id(), grant.recipient(), e.reason());
  }

  private void release(List<Grant> held) {
    for (Grant grant : held) {
      try {
        storage.grants().release(grant.id(), Objects.requireNonNull(grant.lease()).token());
      } catch (RuntimeException e) {
        LOG.warn("could not release grant {}; its lease will expire: {}", grant.id(),
            messageOf(e));
      }
    }
  }

  private static String messageOf(RuntimeException e) {
    return e.getMessage() != null ? e.getMessage() : "an unexpected error";
  }

  /** Collects one run's outcomes. */
  private static final class Tally {
    final List<GrantId> fulfilled = new ArrayList<>();
    final List<KeyChange> keyChanges = new ArrayList<>();
    final List<GrantId> cancelled = new ArrayList<>();
    final Map<GrantId, String> failed = new LinkedHashMap<>();
    final List<FirstContactHold> held = new ArrayList<>();
    final List<FirstContactRefusal> refused = new ArrayList<>();
    /** When the oldest grant claimed was queued. */
    @Nullable Instant oldest;

    void claimed(List<Grant> grants) {
      for (Grant grant : grants) {
        if (oldest == null || grant.createdAt().isBefore(oldest)) {
          oldest = grant.createdAt();
        }
      }
    }

    GrantRun result() {
      return new GrantRun(fulfilled, keyChanges, cancelled, failed, held, refused);
    }
  }
}
