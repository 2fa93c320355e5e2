package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;

/**
 * An event this SDK version cannot read: recorded by a newer version (a type it does not know), or
 * stored damaged. A relay loop acknowledges it and goes on.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param type the type name as recorded
 */
public record Unrecognized(EventId id, Instant at, Person audience,
    String type) implements HostEvent {
  public Unrecognized {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(type, "type");
  }
}
