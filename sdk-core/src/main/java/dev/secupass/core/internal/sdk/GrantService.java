package dev.secupass.core.internal.sdk;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.GrantId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import dev.secupass.api.SafetyWordsMismatchException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantBacklog;
import dev.secupass.core.grants.GrantPolling;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.firstcontact.SafetyWordList;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link Grants} on the grant engine and the SDK's background thread. */
public final class GrantService implements Grants {
  private final Storage storage;
  private final GrantEngine engine;
  private final Sessions sessions;
  private final Background background;
  private final KeyService keys;
  private final AuditRecorder audit;
  private final Clock clock;

  public GrantService(Storage storage, GrantEngine engine, Sessions sessions,
      Background background, KeyService keys, Clock clock) {
    this.storage = storage;
    this.engine = engine;
    this.sessions = sessions;
    this.background = background;
    this.keys = keys;
    this.audit = new AuditRecorder(clock);
    this.clock = clock;
  }

  @Override
  public List<PendingGrant> pending(UserId granter, int limit) {
    return engine.pending(granter, limit).stream().map(this::pending).toList();
  }

  @Override
  public Optional<GrantBacklog> backlog() {
    return storage.grants().summary().map(summary -> new GrantBacklog(summary.waitingForKey(),
        summary.ready(), summary.oldestWaitingForKey(), summary.oldestReady(), clock.instant()));
  }

  @Override
  public GrantRun fulfil(SecuPassSession session) {
    return engine.fulfil(sessions.own(session));
  }

  @Override
  public GrantRun confirmFirstContact(SecuPassSession granter, GrantId grant,
      SafetyWords compared) {
    KeySession own = sessions.own(granter);
    Grant found = engine.pending(own.user(), PENDING_SCAN).stream()
        .filter(g -> g.id().equals(grant))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("no release waits for confirmation by "
            + People.of(storage, own.user()).displayName() + " under this grant"));
    Person recipient = engine.recipient(storage, found);
    String target = found.target().toString();
    Fingerprint presented = keys.activeKeys(found.recipient()).map(k -> k.fingerprint())
        .orElseThrow(() -> new SecuPassRequiredException(recipient));
    if (!SafetyWordList.of(presented).matches(compared)) {
      audit.record(storage, own.user(), "first_contact.confirm", target, "mismatch");
      throw new SafetyWordsMismatchException(recipient);
    }
    keys.pinning().reverify(own, found.recipient(), presented);
    audit.record(storage, own.user(), "first_contact.confirm", target, AuditRecorder.OK);
    return engine.fulfil(own);
  }

  @Override
  public GrantRun pollOpenSessions() {
    return engine.pollOpenSessions();
  }

  @Override
  public GrantPolling startPolling(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the polling interval must be positive");
    }
    return background.every(interval, engine::pollOpenSessions);
  }

  /** How many of a granter's open grants a confirmation looks through for its grant. */
  private static final int PENDING_SCAN = 10_000;

  private PendingGrant pending(Grant grant) {
    GrantTarget target = grant.target();
    boolean delivery = target.kind() == GrantTarget.Kind.DELIVERY;
    return new PendingGrant(grant.id(), engine.recipient(storage, grant),
        delivery ? DeliveryId.of(target.id()) : null, delivery ? null : RoomId.of(target.id()),
        grant.state() == GrantState.WAITING_FOR_KEY ? PendingGrant.State.AWAITING_SECUPASS
            : PendingGrant.State.READY, grant.createdAt());
  }
}
