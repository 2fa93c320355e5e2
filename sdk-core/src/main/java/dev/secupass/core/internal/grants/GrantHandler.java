package dev.secupass.core.internal.grants;

import dev.secupass.api.Person;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Storage;
import java.util.List;
import java.util.Set;

/**
 * Fulfils grants of one target kind with a granter's unlocked session. The grant engine claims a
 * ready grant, calls {@link #fulfil} inside a transaction and completes the grant in the same
 * transaction; a handler never completes or cancels grants itself.
 *
 * <p>Implementations are safe for use by many threads.
 */
public interface GrantHandler {

  /** The kind of target this handler fulfils grants of. */
  GrantTarget.Kind kind();

  /**
   * Targets whose grants {@code user} may fulfil without being the named granter (for example the
   * rooms they own or manage); empty if there are none. Read outside any transaction: the engine
   * claims with it and {@link #fulfil} checks the right again.
   */
  Set<GrantTarget> managedTargets(UserId user);

  /**
   * Verifies the recipient's key under the pinning rules, unwraps the target's key with the
   * granter's session, wraps it to the recipient, signs and stores the envelope and the events,
   * all through {@code tx}. Storing the envelope again for the same grant must be harmless (a grant
   * may be fulfilled again after a crash before it was completed).
   *
   * <p>Throwing rolls back the transaction; the engine then releases the grant's lease so another
   * session may try, and reports the failure. Do not catch a store exception and carry on inside
   * the transaction (on PostgreSQL the whole transaction is aborted by then).
   *
   * <p>The engine may fulfil a batch of grants in one transaction, one after another, and store
   * what they write through {@code writes} together at the end; reads through {@code tx} do not
   * see those writes. If one grant of a batch throws, the whole transaction is rolled back and
   * each grant is fulfilled again in a transaction of its own.
   *
   * @param granter the unlocked session of the user fulfilling it
   * @param grant the claimed grant (state {@code READY}, carrying the lease)
   * @param tx the stores, bound to the transaction that also completes the grant
   * @param writes where to write envelopes and events (written through {@code tx} at once, or at
   *     the end of the batch's transaction)
   * @throws dev.secupass.api.KeyChangedException if the recipient's key is not the pinned one
   * @throws dev.secupass.api.SecuPassException for other failures (the grant stays ready)
   */
  void fulfil(KeySession granter, Grant grant, Storage tx, GrantWrites writes);

  /**
   * Fulfils a batch of claimed grants of this kind in {@code tx}, as {@link #fulfil} does each of
   * them, in order (the default calls it for each); a handler may read what they need together
   * and share work between grants of one target, but makes every check {@link #fulfil} makes.
   * Throwing rolls back the whole batch, which the engine then fulfils one grant at a time.
   */
  default void fulfilAll(KeySession granter, List<Grant> grants, Storage tx,
      GrantWrites writes) {
    grants.forEach(grant -> fulfil(granter, grant, tx, writes));
  }

  /**
   * Who is told (a {@code grant.ready} event) that {@code grant} became ready: by default its named
   * granter; a room handler names the room's owners and managers when no granter is named.
   */
  default Set<UserId> readyAudience(Grant grant, Storage tx) {
    return grant.namedGranter().map(Set::of).orElse(Set.of());
  }

  /**
   * The recipient of {@code grant} as a host value (a guest with their e-mail address), read
   * through {@code on}. Default: what the guest store knows of them.
   */
  default Person recipient(Grant grant, Storage on) {
    return People.of(on, grant.recipient());
  }

  /**
   * What {@code user}, who has just reset their SecuPass, could open before and must be granted
   * again: every target of this kind whose key was wrapped to one of their earlier keys and that is
   * still live. Read through {@code tx}, the transaction of the reset; the engine queues a ready
   * grant for each (replacing any open grant of the same target for the user). Default: none.
   */
  default List<Regrant> regrantsAfterReset(UserId user, Storage tx) {
    return List.of();
  }
}
