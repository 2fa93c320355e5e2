package dev.secupass.spi;

import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A data room.
 *
 * <p>{@code revision} is the store's compare-and-set counter, as for {@link KeyRecord#revision()}:
 * every change of the stored room (a new name through {@link RoomStore#updateRoom}, a new epoch
 * through {@link RoomStore#advanceEpoch}) increments it, so a name sealed under an epoch that has
 * since ended cannot be stored.
 *
 * @param id the room
 * @param createdBy its first owner
 * @param createdAt when
 * @param epoch the current key epoch, 1 at creation; removing a member starts the next
 * @param name the room's name, encrypted (opaque)
 * @param nameEpoch the epoch whose key {@code name} is encrypted under, 1 to {@code epoch}
 * @param revision compare-and-set counter, 0 before the first store
 */
public record Room(RoomId id, UserId createdBy, Instant createdAt, int epoch, byte[] name,
    int nameEpoch, long revision) {
  public Room {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be 1 or more");
    }
    name = Bytes.copy(name, "name");
    if (nameEpoch < 1 || nameEpoch > epoch) {
      throw new IllegalArgumentException("nameEpoch must be 1 to the epoch " + epoch + ", got "
          + nameEpoch);
    }
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative");
    }
  }

  /** A room not yet stored: epoch 1, its name sealed under epoch 1, revision 0. */
  public static Room created(RoomId id, UserId createdBy, Instant createdAt, byte[] name) {
    return new Room(id, createdBy, createdAt, 1, name, 1, 0);
  }

  @Override
  public byte[] name() {
    return name.clone();
  }

  /** This room at another epoch, still at this revision. */
  public Room withEpoch(int newEpoch) {
    return new Room(id, createdBy, createdAt, newEpoch, name, nameEpoch, revision);
  }

  /** This room with another name, sealed under {@code newNameEpoch}, still at this revision. */
  public Room withName(byte[] newName, int newNameEpoch) {
    return new Room(id, createdBy, createdAt, epoch, newName, newNameEpoch, revision);
  }

  /** This room as stored at {@code newRevision}. */
  public Room withRevision(long newRevision) {
    return new Room(id, createdBy, createdAt, epoch, name, nameEpoch, newRevision);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Room r
        && id.equals(r.id)
        && createdBy.equals(r.createdBy)
        && createdAt.equals(r.createdAt)
        && epoch == r.epoch
        && Arrays.equals(name, r.name)
        && nameEpoch == r.nameEpoch
        && revision == r.revision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, epoch, revision);
  }

  @Override
  public String toString() {
    return "Room[id=" + id + ", epoch=" + epoch + ", nameEpoch=" + nameEpoch + ", revision="
        + revision + "]";
  }
}
