package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import java.time.Instant;
import java.util.Objects;

/**
 * For a member who waited (their first SecuPass, or a reset): the room can now be opened.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param room the room
 * @param by the owner or manager whose session granted the key
 */
public record RoomAccessGranted(EventId id, Instant at, Person audience, RoomId room,
    Person by) implements HostEvent {
  public RoomAccessGranted {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(by, "by");
  }
}
