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
 * The check at the start of a content write's transaction: the room is still at the epoch the
 * content was sealed under, and the writer is still an editor or above.
 */
final class ContentGuard {
  private ContentGuard() {}

  /**
   * @throws StaleEpochException if the epoch moved on (the change is prepared again)
   * @throws NotPermittedException if the writer was removed or demoted meanwhile
   */
  static void check(Storage tx, RoomId room, UserId writer, int epoch) {
    Room stored = tx.rooms().find(room)
        .orElseThrow(() -> new NotFoundException("no room " + room));
    if (stored.epoch() != epoch) {
      throw new StaleEpochException(room, epoch, stored.epoch());
    }
    RoomRole role = tx.rooms().findMember(room, writer).map(RoomMember::role)
        .orElseThrow(() -> new NotPermittedException(writer + " is no longer a member of room "
            + room));
    if (!role.writes()) {
      throw new NotPermittedException(writer + " is a " + role + " of room " + room
          + " and may only read");
    }
  }
}
