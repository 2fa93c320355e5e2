package dev.secupass.core.internal.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.spi.Event;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Appends events to the outbox of the transaction that makes the change they report, so they are
 * committed with it or not at all. The audience's kind and address are recorded with the event as
 * they are at that moment.
 */
public final class EventRecorder {
  private final Clock clock;
  private final SecureRandom random;

  public EventRecorder(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** A fresh event id, for sealing secrets before {@link #record(Storage, EventId, String,
   * Person, EventPayload.Builder)}. */
  public EventId newId() {
    return EventId.random(random);
  }

  public void record(Storage tx, String type, Person audience, EventPayload.Builder payload) {
    record(tx, newId(), type, audience, payload);
  }

  public void record(Storage tx, EventId id, String type, Person audience,
      EventPayload.Builder payload) {
    tx.events().append(event(id, type, audience, payload));
  }

  /** The event {@link #record(Storage, String, Person, EventPayload.Builder)} would append. */
  public Event event(String type, Person audience, EventPayload.Builder payload) {
    return event(newId(), type, audience, payload);
  }

  private Event event(EventId id, String type, Person audience, EventPayload.Builder payload) {
    EventPayload encoded = payload.copy().personDetails(EventTypes.AUDIENCE, audience).build();
    return new Event(id, type, audience.user(), encoded.encode(), clock.instant());
  }
}
