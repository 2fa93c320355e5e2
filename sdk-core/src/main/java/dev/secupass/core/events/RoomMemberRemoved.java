package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import java.time.Instant;
import java.util.Objects;

/**
 * For a former member: they were removed from the room.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param room the room
 * @param by who removed them
 */
public record RoomMemberRemoved(EventId id, Instant at, Person audience, RoomId room,
    Person by) implements HostEvent {
  public RoomMemberRemoved {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(by, "by");
  }
}
