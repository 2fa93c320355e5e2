package dev.secupass.core.internal.rooms;

import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.Storage;
import java.util.Locale;

/**
 * Records the room events ({@link dev.secupass.core.events.RoomInvitation}, {@link
 * dev.secupass.core.events.RoomAccessGranted}, {@link dev.secupass.core.events.RoomMemberRemoved})
 * in the transaction of the change.
 */
final class RoomEvents {
  private RoomEvents() {}

  static void memberAdded(EventRecorder events, Storage tx, RoomId room, UserId member,
      PrincipalKind kind, RoomRole role, UserId by, boolean granted) {
    events.record(tx, EventTypes.ROOM_MEMBER_ADDED, new Person(member, kind, null),
        payload(tx, room, by).put(EventTypes.ROLE, role.name().toLowerCase(Locale.ROOT))
            .put(EventTypes.ACCESS, granted ? "granted" : "queued"));
  }

  static void accessGranted(EventRecorder events, Storage tx, RoomId room, UserId member,
      UserId by) {
    events.record(tx, EventTypes.ROOM_ACCESS_GRANTED, People.of(tx, member),
        payload(tx, room, by));
  }

  static void memberRemoved(EventRecorder events, Storage tx, RoomId room, UserId member,
      UserId by) {
    events.record(tx, EventTypes.ROOM_MEMBER_REMOVED, People.of(tx, member),
        payload(tx, room, by));
  }

  private static EventPayload.Builder payload(Storage tx, RoomId room, UserId by) {
    return EventPayload.builder().put(EventTypes.ROOM, room.value())
        .person(EventTypes.BY, People.of(tx, by));
  }
}
