package dev.secupass.spi;

import dev.secupass.api.EventId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import java.time.Duration;
import java.util.List;

/**
 * The outbox of events for the host. Events are appended in the same transaction as the change
 * that causes them and stay pending until acknowledged, so they are handed out at least once: a
 * crash between the commit and the e-mail loses nothing (it may send twice).
 *
 * <p>Several application nodes relay events at once: each {@linkplain #claim claims} pending
 * events with a lease, as the grant queue does. While a lease runs, no other claim returns that
 * event, across threads and processes; once it expires (at or before the clock's now, measured with
 * the clock the store was built with) the event can be claimed again. {@linkplain #acknowledge
 * Acknowledging} removes an event from the pending set for good; {@linkplain #release releasing}
 * gives a lease up early.
 */
public interface EventOutbox {

  /**
   * Appends an event; it is pending, without a lease, until acknowledged.
   *
   * @throws IllegalArgumentException if the event carries a lease
   * @throws dev.secupass.api.ConflictException if an event with the same id exists
   */
  void append(Event event);

  /**
   * Appends each of {@code events} as {@link #append} would, in order. Called in a transaction
   * ({@link Storage#inTransaction}) it is all or nothing with it. The default calls {@link
   * #append} for each; an adapter may use fewer round trips.
   *
   * @throws IllegalArgumentException if one of them carries a lease
   * @throws dev.secupass.api.ConflictException if an event with the id of one of them exists
   */
  default void appendAll(List<Event> events) {
    events.forEach(this::append);
  }

  /**
   * Claims up to {@code limit} pending events that no unexpired lease holds, in the order they were
   * appended, each with a fresh lease lasting {@code leaseDuration}.
   *
   * @return the claimed events, carrying their new leases; empty if none is available
   * @throws IllegalArgumentException if {@code limit < 1} or the duration is not positive
   */
  List<Event> claim(int limit, Duration leaseDuration);

  /**
   * Removes an event from the pending set: it is never claimed again. Idempotent; unknown ids are
   * ignored. Whoever holds a lease on it (or nobody) does not matter: the event was handed out.
   */
  void acknowledge(EventId id);

  /**
   * Gives a lease up early so the event can be claimed again at once. Does nothing if the event is
   * not pending under {@code leaseToken} (acknowledged, released, or claimed again after the lease
   * expired).
   */
  void release(EventId id, String leaseToken);

  /** The events for {@code audience}, pending or not, newest first, without their leases. */
  Page<Event> forAudience(UserId audience, PageRequest page);
}
