package dev.secupass.core.rooms;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import java.util.List;
import java.util.Objects;

/**
 * An opened room: its decrypted name and its verified members.
 *
 * @param id the room
 * @param name its name (decrypted; not in {@link #toString()})
 * @param createdBy who created it
 * @param epoch its current key epoch
 * @param role the caller's role
 * @param members every member, by user id
 */
public record RoomDetails(RoomId id, String name, UserId createdBy, int epoch, RoomRole role,
    List<RoomMemberInfo> members) {
  public RoomDetails {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(role, "role");
    members = List.copyOf(members);
  }

  @Override
  public String toString() {
    return "RoomDetails[id=" + id + ", epoch=" + epoch + ", role=" + role + ", members="
        + members.size() + "]";
  }
}
