package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import java.time.Instant;
import java.util.Objects;

/**
 * For a member added to a data room. If they have no SecuPass yet they must choose one first;
 * any owner or manager then grants them the room's key, and they get {@link RoomAccessGranted}.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param room the room (its name is end-to-end encrypted and never in events)
 * @param by who added them
 * @param role their role
 * @param secuPassRequired whether they must choose a SecuPass before they can open the room
 */
public record RoomInvitation(EventId id, Instant at, Person audience, RoomId room, Person by,
    RoomRole role, boolean secuPassRequired) implements HostEvent {
  public RoomInvitation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(role, "role");
  }
}
