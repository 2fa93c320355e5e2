package dev.secupass.core.memory;

import dev.secupass.core.testing.ForwardingRoomStore;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomStore;

/**
 * Broken on purpose: {@link #updateRoom} ignores the caller's revision (it re-reads the stored
 * one), so a rename sealed under an epoch that a removal has since ended, or prepared from a stale
 * read, silently overwrites the newer room: the lost update compare-and-set prevents.
 */
final class LostRenameRoomStore extends ForwardingRoomStore {
  LostRenameRoomStore(RoomStore real) {
    super(real);
  }

  @Override
  public Room updateRoom(Room room) {
    long stored = real.find(room.id()).map(Room::revision).orElse(room.revision());
    return real.updateRoom(room.withRevision(stored));
  }
}
