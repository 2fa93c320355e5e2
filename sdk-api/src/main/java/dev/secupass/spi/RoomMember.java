package dev.secupass.spi;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A member of a data room. This is the queryable index; the signed membership log ({@link
 * MembershipEntry}) is the authority the SDK verifies it against.
 *
 * @param room the room
 * @param user the member
 * @param role what they may do
 * @param addedAt when they were added (or their role last changed)
 */
public record RoomMember(RoomId room, UserId user, RoomRole role, Instant addedAt) {
  public RoomMember {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(addedAt, "addedAt");
  }
}
