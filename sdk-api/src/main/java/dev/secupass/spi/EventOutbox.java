package dev.secupass.spi;

import dev.secupass.api.EventId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import java.util.List;

/**
 * The outbox of events for the host. Events are appended in the same transaction as the change
 * that causes them and stay pending until acknowledged, so they are handed out at least once: a
 * crash between the commit and the e-mail loses nothing (it may send twice).
 */
public interface EventOutbox {

  /**
   * Appends an event; it is pending until acknowledged.
   *
   * @throws dev.secupass.api.ConflictException if an event with the same id exists
   */
  void append(Event event);

  /**
   * Pending events in the order they were appended.
   *
   * @param limit at most this many, 1 or more
   */
  List<Event> pending(int limit);

  /** Marks an event handed out. Idempotent; unknown ids are ignored. */
  void acknowledge(EventId id);

  /** The events for {@code audience}, pending or not, newest first. */
  Page<Event> forAudience(UserId audience, PageRequest page);
}
