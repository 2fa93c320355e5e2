package dev.secupass.spring;

import dev.secupass.core.events.HostEvent;

/**
 * The application's handler of the SDK's typed events (an invitation to mail, a notice that a
 * grant is ready, ...). Declare one or more as beans and the starter's {@link SecuPassEventRelay}
 * claims pending events from the outbox and hands each to every listener, in their {@code @Order}.
 *
 * <p>An event is acknowledged (gone for good) only after every listener returned; if one throws,
 * the event is released and handed out again after {@code secupass.events.relay.interval}, to
 * every listener again. Delivery is therefore at least once: make a listener idempotent on {@link
 * HostEvent#id()} where duplicates matter. Without a listener bean the relay does not run and
 * events wait in the outbox.
 */
@FunctionalInterface
public interface SecuPassEventListener {

  /**
   * Handles one event; called on the relay's thread, one event at a time.
   *
   * @throws Exception to have the event handed out again later
   */
  void onEvent(HostEvent event) throws Exception;
}
