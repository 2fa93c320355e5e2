package dev.secupass.core.internal.rooms;

import dev.secupass.api.RoomId;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.Room;

/**
 * Renaming a room (owners and managers): the new name is sealed under the key of the room's
 * current epoch, so members removed before that epoch cannot read it, and stored with {@link
 * dev.secupass.spi.RoomStore#updateRoom} at the revision its transaction read, after checking that
 * the room is still at that epoch and the caller still an owner or manager. A removal (which
 * advances the epoch, and so the revision) or another rename that commits in between makes the
 * store refuse it ({@code ConflictException}); the rename is then prepared again.
 */
public final class RoomRename {
  private final RoomContext context;

  public RoomRename(RoomContext context) {
    this.context = context;
  }

  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public void rename(KeySession session, RoomId room, String name) {
    Names.check(name, "a room name");
    Actors.requireActive(context.storage(), session);
    Changes.commit(context, session, room, (state, keys) -> {
      Actors.requireManager(state, session.user());
      int epoch = state.epoch();
      byte[] sealed = context.ciphers().sealRoomName(keys.current(), room, epoch, name);
      return tx -> {
        Room stored = ContentGuard.checkManager(tx, room, session.user(), epoch);
        tx.rooms().updateRoom(stored.withName(sealed, epoch));
        context.audit().ok(tx, session.user(), "room.rename", room, null);
        return null;
      };
    });
  }
}
