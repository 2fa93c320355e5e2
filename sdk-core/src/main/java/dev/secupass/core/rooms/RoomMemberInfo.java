package dev.secupass.core.rooms;

import dev.secupass.api.UserId;
import dev.secupass.api.RoomRole;
import java.util.Objects;

/**
 * A member of a room, as the verified membership log establishes.
 *
 * @param user the member
 * @param role their role
 * @param awaitingKey whether the log records no key for them yet: they were added before activating
 *     a SecuPass and their grant is not yet fulfilled
 */
public record RoomMemberInfo(UserId user, RoomRole role, boolean awaitingKey) {
  public RoomMemberInfo {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
  }
}
