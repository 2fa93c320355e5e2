package dev.secupass.core.internal.rooms;

import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.rooms.RoomEventTypes;
import dev.secupass.spi.Storage;

/** Records the events of {@link RoomEventTypes} in the transaction of the change. */
final class RoomEvents {
  private RoomEvents() {}

  static void memberAdded(EventRecorder events, Storage tx, RoomId room, UserId member,
      UserId by, boolean granted) {
    events.record(tx, RoomEventTypes.MEMBER_ADDED, member, payload(room, by)
        .put(RoomEventTypes.ACCESS, granted ? "granted" : "queued").build());
  }

  static void accessGranted(EventRecorder events, Storage tx, RoomId room, UserId member,
      UserId by) {
    events.record(tx, RoomEventTypes.ACCESS_GRANTED, member, payload(room, by).build());
  }

  static void memberRemoved(EventRecorder events, Storage tx, RoomId room, UserId member,
      UserId by) {
    events.record(tx, RoomEventTypes.MEMBER_REMOVED, member, payload(room, by).build());
  }

  private static EventPayload.Builder payload(RoomId room, UserId by) {
    return EventPayload.builder().put(RoomEventTypes.ROOM, room.value())
        .put(RoomEventTypes.BY, by.value());
  }
}
