package dev.secupass.core;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantEngine;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.KeyPinning;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassKeys;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.Storage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Users' SecuPasses, wired to the grant queue: the {@link SecuPassKeys} operations plus what each
 * means for grants.
 *
 * <ul>
 *   <li>{@link #activate}: the key record and the recipient's waiting grants turning ready (with a
 *       {@code grant.ready} event for each granter) commit together; granters whose sessions are
 *       open in this process fulfil them at once.
 *   <li>{@link #unlock}: makes ready any grant still waiting for this user (after an activation
 *       made outside this class), registers the session so it fulfils newly ready grants without
 *       being asked, and fulfils every ready grant the user can.
 *   <li>{@link #reset}: the new keys and a ready grant of every delivery (and room) the user could
 *       open commit together, so access comes back from the senders without resending.
 * </ul>
 *
 * <p>Activation and reset run the key derivation (Argon2id) inside their transaction, so the key
 * change and its grants commit together; keep the KDF policy in mind for transaction timeouts.
 * Obtain it from {@link SecuPassSdk#secuPass()}. Safe for use by many threads.
 */
public final class SecuPassAccess {
  private final Storage storage;
  private final SecuPassKeys keys;
  private final Function<KeyStore, SecuPassKeys> keysOn;
  private final GrantEngine engine;

  SecuPassAccess(Storage storage, SecuPassKeys keys, Function<KeyStore, SecuPassKeys> keysOn,
      GrantEngine engine) {
    this.storage = storage;
    this.keys = keys;
    this.keysOn = keysOn;
    this.engine = engine;
  }

  /**
   * First activation: makes the user's keys and releases their waiting grants to the granters.
   *
   * @return the new session (registered with the grant engine)
   * @throws dev.secupass.api.ConflictException if the user already has keys
   */
  public SecuPassSession activate(UserId user, SecuPass secuPass) {
    return changingKeys((tx, made) -> {
      SecuPassSession session = made.apply(keysOn.apply(tx.keys()).activate(user, secuPass));
      return new KeyChange(session, engine.markReady(tx, user, session.keyVersion()));
    });
  }

  /**
   * Unlocks the user's keys; the session then fulfils every grant it can, now and as they become
   * ready.
   *
   * @throws dev.secupass.api.WrongSecuPassException if the SecuPass is wrong
   * @throws dev.secupass.api.SecuPassRequiredException if the user has none
   */
  public SecuPassSession unlock(UserId user, SecuPass secuPass) {
    SecuPassSession session = keys.unlock(user, secuPass);
    engine.register(session);
    boolean waiting = storage.grants().forRecipient(user).stream()
        .anyMatch(grant -> grant.state() == GrantState.WAITING_FOR_KEY);
    if (waiting) {
      engine.dispatch(storage.inTransaction(tx -> engine.markReady(tx, user,
          session.keyVersion())));
    }
    engine.fulfilSoon(session);
    return session;
  }

  /** Changes the SecuPass, keeping the keys (nothing changes for grants). */
  public void change(UserId user, SecuPass current, SecuPass next) {
    keys.change(user, current, next);
  }

  /**
   * After a forgotten SecuPass (the host authenticated the user otherwise): new keys, and every
   * delivery or room the user could open queued as a ready grant to its granters. What was wrapped
   * only to the old keys and whose granter cannot grant again is lost ({@code
   * docs/threat-model.md}). Granters see the user's keys as changed and must re-verify their
   * fingerprint before their sessions fulfil these grants.
   *
   * @return the session of the new keys (registered with the grant engine)
   */
  public SecuPassSession reset(UserId user, SecuPass next) {
    return changingKeys((tx, made) -> {
      SecuPassSession session = made.apply(keysOn.apply(tx.keys()).reset(user, next));
      return new KeyChange(session, engine.regrantAfterReset(tx, user, session.keyVersion()));
    });
  }

  /** Whether the user has an active SecuPass. */
  public boolean hasSecuPass(UserId user) {
    return keys.hasSecuPass(user);
  }

  /**
   * Does nothing if the user has an active SecuPass.
   *
   * @throws dev.secupass.api.SecuPassRequiredException otherwise (the activation dialog)
   */
  public void requireSecuPass(UserId user) {
    keys.requireSecuPass(user);
  }

  /**
   * The fingerprint of the user's active keys as stored (not checked against any pin), for
   * reading out: to the user themselves, or by an observer comparing with the user.
   */
  public Optional<Fingerprint> fingerprint(UserId user) {
    return keys.activeKeys(user).map(k -> k.fingerprint());
  }

  /** The fingerprint {@code observer} pinned for {@code subject}, if any ("verified" in a UI). */
  public Optional<Fingerprint> pinnedFingerprint(SecuPassSession observer, UserId subject) {
    return pinning().pinnedFingerprint(observer, subject);
  }

  /**
   * Pins {@code subject}'s current keys for {@code observer} after they compared the fingerprint
   * out of band (after a reset, or a {@link dev.secupass.api.KeyChangedException}), then fulfils
   * the grants that waited for it.
   *
   * @throws dev.secupass.api.KeyChangedException if the stored keys do not have {@code confirmed}
   */
  public GrantRun reverify(SecuPassSession observer, UserId subject, Fingerprint confirmed) {
    pinning().reverify(observer, subject, confirmed);
    return engine.fulfil(observer);
  }

  /** The key service underneath (key pinning, public keys). */
  public SecuPassKeys keys() {
    return keys;
  }

  private KeyPinning pinning() {
    return keys.pinning();
  }

  /** A session and the grants its key change made ready. */
  private record KeyChange(SecuPassSession session, List<Grant> ready) {}

  /** Work that changes keys in a transaction, handing the session it made to {@code made}. */
  @FunctionalInterface
  private interface KeyWork {
    KeyChange run(Storage tx, UnaryOperator<SecuPassSession> made);
  }

  /** Runs {@code work} in a transaction; closes its session if the transaction fails. */
  private SecuPassSession changingKeys(KeyWork work) {
    AtomicReference<SecuPassSession> made = new AtomicReference<>();
    KeyChange change;
    try {
      change = storage.inTransaction(tx -> work.run(tx, session -> {
        made.set(session);
        return session;
      }));
    } catch (RuntimeException e) {
      Optional.ofNullable(made.get()).ifPresent(SecuPassSession::close);
      throw e;
    }
    engine.register(change.session());
    engine.dispatch(change.ready());
    engine.fulfilSoon(change.session());
    return change.session();
  }
}
