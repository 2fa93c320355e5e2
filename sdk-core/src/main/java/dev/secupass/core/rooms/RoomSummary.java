package dev.secupass.core.rooms;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import java.util.Objects;

/**
 * A room in a user's list, as the member index says, before anything is verified or decrypted:
 * {@link DataRooms#open} verifies the membership and decrypts the name.
 *
 * @param id the room
 * @param role the user's role as indexed
 */
public record RoomSummary(RoomId id, RoomRole role) {
  public RoomSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
  }
}
