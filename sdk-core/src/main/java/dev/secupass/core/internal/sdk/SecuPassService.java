package dev.secupass.core.internal.sdk;

import dev.secupass.api.ConflictException;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.PreparedKeys;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.spi.Grant;
import dev.secupass.spi.Storage;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link SecuPasses} on the key service, wired to the grant engine: every key change does its
 * grant bookkeeping in the same transaction. The Argon2id derivation of an activation or reset runs
 * before that transaction ({@link KeyService#prepare}), so the transaction stays short; the reset's
 * compare-and-set on the key record catches a change made in between. An activation with an access
 * code stores the binding of the new keys to the code in the same transaction, so no sender's
 * session sees the keys without it.
 */
public final class SecuPassService implements SecuPasses {
  private final Storage storage;
  private final KeyService keys;
  private final Sessions sessions;
  private final GrantEngine engine;
  private final FirstContact firstContact;

  public SecuPassService(Storage storage, KeyService keys, GrantEngine engine,
      FirstContact firstContact) {
    this.storage = storage;
    this.keys = keys;
    this.sessions = keys.sessions();
    this.engine = engine;
    this.firstContact = firstContact;
  }

  @Override
  public SecuPassSession activate(UserId user, SecuPass secuPass) {
    if (keys.hasSecuPass(user)) {
      throw new ConflictException(People.of(storage, user).displayName()
          + " has a SecuPass already; unlock, change or reset it");
    }
    try (PreparedKeys prepared = keys.prepare(user, KeyVersion.FIRST, secuPass)) {
      return changingKeys(prepared, false, null);
    }
  }

  @Override
  public SecuPassSession activate(UserId user, SecuPass secuPass, AccessCode code) {
    if (keys.hasSecuPass(user)) {
      throw new ConflictException(People.of(storage, user).displayName()
          + " has a SecuPass already; unlock, change or reset it");
    }
    try (FirstContact.Binder binder = firstContact.binder(storage, user, code);
        PreparedKeys prepared = keys.prepare(user, KeyVersion.FIRST, secuPass)) {
      return changingKeys(prepared, false, binder);
    }
  }


  @Override
  public SecuPassSession unlock(UserId user, SecuPass secuPass) {
    KeySession session = keys.unlock(user, secuPass);
    try {
      engine.dispatch(storage.inTransaction(tx -> engine.markReady(tx, user,
          session.keyVersion())));
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    engine.fulfilSoon(session);
    return session;
  }

  @Override
  public void change(UserId user, SecuPass current, SecuPass next) {
    keys.change(user, current, next);
  }

  @Override
  public SecuPassSession reset(UserId user, SecuPass next) {
    try (PreparedKeys prepared = keys.prepareReset(user, next)) {
      return changingKeys(prepared, true, null);
    }
  }

  @Override
  public boolean hasSecuPass(UserId user) {
    return keys.hasSecuPass(user);
  }

  @Override
  public void requireSecuPass(UserId user) {
    keys.requireSecuPass(user);
  }

  @Override
  public Optional<Fingerprint> fingerprint(UserId user) {
    return keys.activeKeys(user).map(k -> k.fingerprint());
  }

  @Override
  public Optional<Fingerprint> pinnedFingerprint(SecuPassSession observer, UserId subject) {
    return keys.pinning().pinnedFingerprint(sessions.own(observer), subject);
  }

  @Override
  public GrantRun reverify(SecuPassSession observer, UserId subject, Fingerprint confirmed) {
    KeySession own = sessions.own(observer);
    keys.pinning().reverify(own, subject, confirmed);
    return engine.fulfil(own);
  }

  /** A session and the grants its key change made ready. */
  private record KeyChange(KeySession session, List<Grant> ready) {}

  /**
   * Stores prepared keys (an activation, or a reset's rotation) with their grant bookkeeping in
   * one transaction; closes the session if the transaction fails.
   */
  private KeySession changingKeys(PreparedKeys prepared, boolean reset,
      FirstContact.@Nullable Binder binder) {
    KeySession[] made = new KeySession[1];
    KeyChange change;
    try {
      change = storage.inTransaction(tx -> {
        KeyService on = keys.on(tx);
        KeySession session = reset ? on.reset(prepared) : on.activate(prepared);
        made[0] = session;
        UserId user = session.user();
        if (binder != null) {
          tx.guests().saveBinding(binder.invitation().tokenHash(),
              binder.bind(session.keyVersion(), prepared.record().publicKeys()));
        }
        return new KeyChange(session, reset
            ? engine.regrantAfterReset(tx, user, session.keyVersion())
            : engine.markReady(tx, user, session.keyVersion()));
      });
    } catch (RuntimeException e) {
      if (made[0] != null) {
        made[0].close();
      }
      throw e;
    }
    engine.dispatch(change.ready());
    engine.fulfilSoon(change.session());
    return change.session();
  }
}
