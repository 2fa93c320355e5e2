package dev.secupass.spi;

import dev.secupass.api.RoomRole;
import java.util.Objects;

/**
 * A room as the member index lists it for one member: the room and that member's record, read
 * together ({@link RoomStore#roomsOf}).
 *
 * @param room the room
 * @param member the member's record in it
 */
public record MemberRoom(Room room, RoomMember member) {
  public MemberRoom {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(member, "member");
    if (!room.id().equals(member.room())) {
      throw new IllegalArgumentException("the member record of room " + member.room()
          + " does not belong to room " + room.id());
    }
  }

  /** The member's role in the room. */
  public RoomRole role() {
    return member.role();
  }
}
