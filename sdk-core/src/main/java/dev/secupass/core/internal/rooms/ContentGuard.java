package dev.secupass.core.internal.rooms;

import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.StaleEpochException;
import dev.secupass.api.UserId;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.Storage;

/**
 * The check at the start of a sealed write's transaction: the room is still at the epoch the
 * write was sealed under, and the writer still has a role that allows it (editor or above for
 * content, owner or manager for the room's name).
 */
final class ContentGuard {
  private ContentGuard() {}

  /**
   * @throws StaleEpochException if the epoch moved on (the change is prepared again)
   * @throws NotPermittedException if the writer was removed or demoted meanwhile
   */
  static void check(Storage tx, RoomId room, UserId writer, int epoch) {
    requireEpoch(tx, room, epoch);
    RoomRole role = requireMember(tx, room, writer);
    if (!role.writes()) {
      throw new NotPermittedException(writer + " is a " + role + " of room " + room
          + " and may only read");
    }
  }

  /**
   * @return the room as stored, at {@code epoch}
   * @throws StaleEpochException if the epoch moved on (the change is prepared again)
   * @throws NotPermittedException if the manager was removed or demoted meanwhile
   */
  static Room checkManager(Storage tx, RoomId room, UserId manager, int epoch) {
    Room stored = requireEpoch(tx, room, epoch);
    RoomRole role = requireMember(tx, room, manager);
    if (!role.managesMembers()) {
      throw new NotPermittedException(manager + " is a " + role + " of room " + room
          + "; only owners and managers may do this");
    }
    return stored;
  }

  private static Room requireEpoch(Storage tx, RoomId room, int epoch) {
    Room stored = tx.rooms().find(room)
        .orElseThrow(() -> new NotFoundException("no room " + room));
    if (stored.epoch() != epoch) {
      throw new StaleEpochException(room, epoch, stored.epoch());
    }
    return stored;
  }

  private static RoomRole requireMember(Storage tx, RoomId room, UserId user) {
    return tx.rooms().findMember(room, user).map(RoomMember::role)
        .orElseThrow(() -> new NotPermittedException(user + " is no longer a member of room "
            + room));
  }
}
