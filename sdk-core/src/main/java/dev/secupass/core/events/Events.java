package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import java.util.List;

/**
 * The host's side of the event outbox. Every event is committed in the same transaction as the
 * change it reports and stays pending until acknowledged, so it is handed out at least once.
 *
 * <p>Several application nodes may relay at once: {@link #claim} hands out pending events under a
 * lease (the SDK builder's {@code eventLeaseDuration}, 2 minutes by default), and no other claim
 * gets them while it runs. A node that dies without acknowledging lets its lease expire, and the
 * events are handed out again: a host that crashes between sending the e-mail and {@link
 * #acknowledge} sends it again.
 *
 * <pre>{@code
 * for (HostEvent event : sdk.events().claim(100)) {
 *   mailer.send(event);                 // idempotent on event.id() if duplicates matter
 *   sdk.events().acknowledge(event.id());
 * }
 * }</pre>
 */
public interface Events {

  /**
   * Claims up to {@code limit} pending events, oldest first, under a lease.
   *
   * @param limit at most this many, 1 or more
   */
  List<HostEvent> claim(int limit);

  /** Removes an event from the pending set for good. Idempotent; unknown ids are ignored. */
  void acknowledge(EventId id);

  /**
   * Hands an event this SDK claimed back at once, for another claim (this node cannot handle it
   * now). Does nothing for an event this SDK does not hold.
   */
  void release(EventId id);

  /** Every event for {@code audience}, pending or not, newest first (their notices). */
  Page<HostEvent> forUser(UserId audience, PageRequest page);
}
