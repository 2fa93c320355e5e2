package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.UserId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import java.util.List;

/**
 * The host's side of the event outbox. Every event is committed in the same transaction as the
 * change it reports and stays pending until acknowledged, so it is handed out at least once: a
 * host that crashes between sending the e-mail and {@link #acknowledge} sends it again.
 *
 * <pre>{@code
 * for (HostEvent event : sdk.events().pending(100)) {
 *   mailer.send(event);                 // idempotent on event.id() if duplicates matter
 *   sdk.events().acknowledge(event.id());
 * }
 * }</pre>
 */
public interface Events {

  /**
   * Pending events, oldest first.
   *
   * @param limit at most this many, 1 or more
   */
  List<HostEvent> pending(int limit);

  /** Marks an event handed out. Idempotent; unknown ids are ignored. */
  void acknowledge(EventId id);

  /** Every event for {@code audience}, pending or not, newest first (their notices). */
  Page<HostEvent> forUser(UserId audience, PageRequest page);
}
