package dev.secupass.core.internal.rooms;

import dev.secupass.api.GrantId;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.crypto.PublicKeys;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Room grants: the rooms whose grants a user may fulfil, fulfilling one (every epoch's key wrapped
 * to the member's pinned key, and their key recorded in the log), and queuing grants again after a
 * member's reset.
 */
public final class RoomGrants {
  private final RoomContext context;

  public RoomGrants(RoomContext context) {
    this.context = context;
  }

  /** The rooms the index shows {@code user} as an owner or manager of. */
  public Set<GrantTarget> managedTargets(UserId user) {
    RoomStore rooms = context.storage().rooms();
    return rooms.roomsOf(user).stream()
        .map(Room::id)
        .filter(room -> rooms.findMember(room, user).map(RoomMember::role)
            .filter(role -> role.managesMembers()).isPresent())
        .map(GrantTarget::room)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Fulfils a room grant through {@code tx}: verifies the membership and the granter's role,
   * checks the member's active key against the granter's pin, wraps every epoch's key to it, and
   * appends a {@code KEY} entry if the log does not record that key yet.
   *
   * @throws IllegalArgumentException if the grant is not for a room
   * @throws dev.secupass.api.NotPermittedException if the granter does not manage the members
   * @throws dev.secupass.api.NotFoundException if the recipient is no longer a member
   * @throws dev.secupass.api.KeyChangedException if the recipient's key differs from the
   *     granter's pin (after a reset: until the granter re-verifies it)
   * @throws dev.secupass.api.ConflictException if another change to the room won a race
   */
  public void fulfil(SecuPassSession granter, Grant grant, Storage tx) {
    if (grant.target().kind() != GrantTarget.Kind.ROOM) {
      throw new IllegalArgumentException("not a room grant: " + grant.target());
    }
    RoomId room = RoomId.of(grant.target().id());
    UserId recipient = grant.recipient();
    Actors.requireActive(tx, granter);
    MembershipState state = context.membership().readInTransaction(granter, room, tx);
    MembershipChanges.require(state, granter, MembershipAction.KEY, recipient, null);
    PublicKeys keys = context.keys().pinning().verifiedKeys(granter, recipient);
    Optional<MemberKey> recorded = state.currentKey(recipient);
    boolean known = recorded.filter(key -> key.matches(keys)).isPresent();
    if (!known && recorded.filter(key -> key.version().compareTo(keys.version()) >= 0)
        .isPresent()) {
      throw new MembershipLogException("the active keys of " + recipient + " " + keys.version()
          + " are not the ones room " + room + "'s membership log records");
    }
    Instant now = context.now();
    try (Keyring ring = new Keyring(granter, state, tx)) {
      List<RoomEnvelope> envelopes = ring.wrapAll(keys, now);
      if (!known) {
        tx.rooms().appendMembership(MembershipEntries.next(granter, state, MembershipAction.KEY,
            recipient, null, null, MemberKey.of(keys), now));
      }
      envelopes.forEach(tx.rooms()::putEnvelope);
    }
    RoomEvents.accessGranted(tx, context.random(), now, room, recipient);
    RoomAudit.record(tx, now, granter.user(), "room.grant", room, null, RoomAudit.OK);
  }

  /**
   * After {@code user} reset their SecuPass: queues a ready room grant for their new key in every
   * room the index lists them in.
   *
   * @return how many rooms
   * @throws SecuPassRequiredException if the user has no active SecuPass
   */
  public int requeueAfterReset(UserId user) {
    Storage storage = context.storage();
    KeyRecord active = storage.keys().findActive(user)
        .orElseThrow(() -> new SecuPassRequiredException(user));
    List<Room> rooms = storage.rooms().roomsOf(user);
    Instant now = context.now();
    storage.inTransaction(tx -> {
      for (Room room : rooms) {
        tx.grants().enqueue(Grant.ready(GrantId.random(context.random()),
            GrantTarget.room(room.id()), user, null, active.version(), now));
      }
      return null;
    });
    return rooms.size();
  }
}
