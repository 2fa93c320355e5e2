package dev.secupass.spi;

import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The queue of pending grants (the first-contact round trip).
 *
 * <p>Lifecycle: {@code WAITING_FOR_KEY -> READY} when the recipient activates ({@link
 * #markReady}); a worker {@linkplain #claim claims} ready grants with a lease, wraps the key and
 * {@linkplain #complete completes} them ({@code DONE}); {@link #cancel} ends grants that are no
 * longer wanted. Leases are measured with the clock the store was built with: a lease whose expiry
 * is at or before the clock's now has expired, and the grant can be claimed again.
 *
 * <p>Two workers never hold a lease on the same grant at once, across threads and processes.
 */
public interface GrantQueue {

  /**
   * Queues a grant in state {@code WAITING_FOR_KEY} or {@code READY}, without a lease. Idempotent
   * per target and recipient: if a grant that is not final already exists for the same target
   * and recipient, nothing is stored and that grant is returned.
   *
   * @return the stored grant (the given one, or the existing one)
   * @throws IllegalArgumentException if the grant is final or carries a lease
   * @throws dev.secupass.api.ConflictException if a grant with the same id exists
   */
  Grant enqueue(Grant grant);

  /** The grant with this id, in any state; empty if none. */
  Optional<Grant> find(GrantId id);

  /**
   * Grants matching {@code filter} in one of {@code states}, oldest first, leased or not.
   *
   * @param limit at most this many, 1 or more
   */
  List<Grant> find(GrantFilter filter, Set<GrantState> states, int limit);

  /** Every grant for {@code recipient}, in any state, oldest first. */
  List<Grant> forRecipient(UserId recipient);

  /**
   * Makes every {@code WAITING_FOR_KEY} grant of {@code recipient} ready for {@code version}, and
   * nothing else: the recipient's other grants are neither read nor changed (an unlock calls this
   * for users with many grants).
   *
   * @return the grants this call changed, as stored afterwards (state {@code READY}, key version
   *     {@code version}, no lease), oldest first; empty if none was waiting
   */
  List<Grant> markReady(UserId recipient, KeyVersion version);

  /**
   * Claims up to {@code max} ready grants matching {@code filter} that no unexpired lease holds,
   * oldest first, each with a fresh lease lasting {@code leaseDuration}.
   *
   * @return the claimed grants, carrying their new leases; empty if none is available
   * @throws IllegalArgumentException if {@code max < 1} or the duration is not positive
   */
  List<Grant> claim(GrantFilter filter, int max, Duration leaseDuration);

  /**
   * Marks a claimed grant {@code DONE}. Idempotent: completing a grant that is already done
   * succeeds and changes nothing. A lease that expired but was not re-claimed by anyone still
   * completes.
   *
   * @throws dev.secupass.api.NotFoundException if there is no such grant
   * @throws dev.secupass.api.ConflictException if the grant is not done and {@code leaseToken}
   *     is not its current lease (it was re-claimed, released, or cancelled)
   */
  void complete(GrantId id, String leaseToken);

  /**
   * Completes each of {@code claimed} under the lease it carries, as {@link #complete} would, in
   * order. Called in a transaction ({@link Storage#inTransaction}) it is all or nothing with it:
   * the grant engine completes a batch of grants it fulfilled this way. The default calls {@link
   * #complete} for each; an adapter may use fewer round trips.
   *
   * @param claimed grants as {@link #claim} returned them
   * @throws IllegalArgumentException if a grant carries no lease
   * @throws dev.secupass.api.NotFoundException if one of them does not exist
   * @throws dev.secupass.api.ConflictException if one of them is not done and not held under its
   *     lease
   */
  default void completeAll(List<Grant> claimed) {
    for (Grant grant : claimed) {
      Lease lease = grant.lease();
      if (lease == null) {
        throw new IllegalArgumentException("grant " + grant.id() + " was not claimed");
      }
      complete(grant.id(), lease.token());
    }
  }

  /**
   * Counts the open grants of the whole queue by state, with the creation time of the oldest of
   * each: what a host's metrics show as the first-contact backlog. Meant to be cheap: an adapter
   * answers it from an index on state and creation time, not by reading grant rows. Read outside
   * transactions, a count may be a moment old.
   *
   * @return the summary, or empty if this store cannot count without reading every grant (the
   *     default: a store added before this method existed); the SDK then reports no backlog
   */
  default Optional<GrantQueueSummary> summary() {
    return Optional.empty();
  }

  /**
   * Gives a lease up early so another worker can claim the grant at once. Does nothing if the
   * grant is not held under {@code leaseToken}.
   */
  void release(GrantId id, String leaseToken);

  /**
   * Cancels every grant of {@code target} that is not final.
   *
   * @return how many grants changed
   */
  int cancel(GrantTarget target);

  /**
   * Cancels every grant of {@code target} for {@code recipient} that is not final.
   *
   * @return how many grants changed
   */
  int cancel(GrantTarget target, UserId recipient);
}
