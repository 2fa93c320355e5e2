package dev.secupass.core.internal.sdk;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantPolling;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Storage;
import java.time.Duration;
import java.util.List;

/** {@link Grants} on the grant engine and the SDK's background thread. */
public final class GrantService implements Grants {
  private final Storage storage;
  private final GrantEngine engine;
  private final Sessions sessions;
  private final Background background;

  public GrantService(Storage storage, GrantEngine engine, Sessions sessions,
      Background background) {
    this.storage = storage;
    this.engine = engine;
    this.sessions = sessions;
    this.background = background;
  }

  @Override
  public List<PendingGrant> pending(UserId granter, int limit) {
    return engine.pending(granter, limit).stream().map(this::pending).toList();
  }

  @Override
  public GrantRun fulfil(SecuPassSession session) {
    return engine.fulfil(sessions.own(session));
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

  private PendingGrant pending(Grant grant) {
    GrantTarget target = grant.target();
    boolean delivery = target.kind() == GrantTarget.Kind.DELIVERY;
    return new PendingGrant(grant.id(), engine.recipient(storage, grant),
        delivery ? DeliveryId.of(target.id()) : null, delivery ? null : RoomId.of(target.id()),
        grant.state() == GrantState.WAITING_FOR_KEY ? PendingGrant.State.AWAITING_SECUPASS
            : PendingGrant.State.READY, grant.createdAt());
  }
}
