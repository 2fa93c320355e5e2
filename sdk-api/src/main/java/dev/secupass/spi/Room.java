package dev.secupass.spi;

import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A data room.
 *
 * @param id the room
 * @param createdBy its first owner
 * @param createdAt when
 * @param epoch the current key epoch, 1 at creation; removing a member starts the next
 * @param name the room's name, encrypted (opaque)
 */
public record Room(RoomId id, UserId createdBy, Instant createdAt, int epoch, byte[] name) {
  public Room {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be 1 or more");
    }
    name = Bytes.copy(name, "name");
  }

  @Override
  public byte[] name() {
    return name.clone();
  }

  /** This room at another epoch. */
  public Room withEpoch(int newEpoch) {
    return new Room(id, createdBy, createdAt, newEpoch, name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Room r
        && id.equals(r.id)
        && createdBy.equals(r.createdBy)
        && createdAt.equals(r.createdAt)
        && epoch == r.epoch
        && Arrays.equals(name, r.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, epoch);
  }

  @Override
  public String toString() {
    return "Room[id=" + id + ", epoch=" + epoch + "]";
  }
}
