package dev.secupass.core.rooms;

import dev.secupass.api.Person;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import java.util.Objects;

/**
 * A member of a room, as the verified membership log establishes.
 *
 * @param member the member (the SDK knows members by user id: the host's directory names them)
 * @param role their role
 * @param awaitingKey whether the log records no key for them yet: they were added before activating
 *     a SecuPass and their grant is not yet fulfilled
 */
public record RoomMemberInfo(Person member, RoomRole role, boolean awaitingKey) {
  public RoomMemberInfo {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(role, "role");
  }

  /** The member's user id. */
  public UserId user() {
    return member.user();
  }
}
