package dev.secupass.core.internal.rooms;

import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.grants.GrantHandler;
import dev.secupass.core.internal.grants.GrantWrites;
import dev.secupass.core.internal.grants.Regrant;
import dev.secupass.core.internal.grants.StaleGrantException;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
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
 * Fulfils room grants with the session of any owner or manager: verifies the membership and the
 * granter's role, releases to the member's active key only if {@link FirstContact#keysToWrap}
 * does (the granter verified the key, or trust on first use was chosen for rooms; the default holds
 * never-verified keys until the granter confirms the safety words, even where the signed membership
 * log records them: a manager's vouch is not the granter's verification), wraps every epoch's key
 * to it, and appends a {@code KEY} entry recording that key if the log does not record it yet. A
 * key other than a newer one than the log records is refused. A recipient who is no longer a
 * member makes the grant stale.
 */
public final class RoomGrantHandler implements GrantHandler {
  private final RoomContext context;

  public RoomGrantHandler(RoomContext context) {
    this.context = context;
  }

  @Override
  public GrantTarget.Kind kind() {
    return GrantTarget.Kind.ROOM;
  }

  /** The rooms the member index shows {@code user} as an owner or manager of. */
  @Override
  public Set<GrantTarget> managedTargets(UserId user) {
    return managed(context.storage().rooms(), user);
  }

  /**
   * Writes through {@code tx} directly, not through {@code writes}: each room grant reads the
   * membership log the previous one of the batch may have appended to.
   */
  @Override
  public void fulfil(KeySession granter, Grant grant, Storage tx, GrantWrites writes) {
    RoomId room = RoomId.of(grant.target().id());
    UserId recipient = grant.recipient();
    Actors.requireActive(tx, granter);
    MembershipState state = context.membership().readInTransaction(granter, room, tx);
    if (state.role(recipient).isEmpty()) {
      throw new StaleGrantException(recipient + " is no longer a member of room " + room);
    }
    MembershipChanges.require(state, granter, MembershipAction.KEY, recipient, null);
    Optional<MemberKey> recorded = state.currentKey(recipient);
    PublicKeys keys = context.firstContact().keysToWrap(granter, recipient, FirstContact.ROOMS,
        tx, context.pinning(tx));
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
            recipient, null, null, MemberKey.of(keys), now,
            context.pinning(tx).reliedCheckpoint(granter)));
      }
      envelopes.forEach(tx.rooms()::putEnvelope);
    }
    RoomEvents.accessGranted(context.events(), tx, room, recipient, granter.user());
    context.audit().ok(tx, granter.user(), "room.grant", room, null);
  }

  /** The room's owners and managers, as the member index lists them. */
  @Override
  public Set<UserId> readyAudience(Grant grant, Storage tx) {
    return tx.rooms().members(RoomId.of(grant.target().id())).stream()
        .filter(member -> member.role().managesMembers())
        .map(RoomMember::user)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Every room the member index lists {@code user} in, for any owner or manager to grant. */
  @Override
  public List<Regrant> regrantsAfterReset(UserId user, Storage tx) {
    return tx.rooms().roomsOf(user).stream()
        .map(listed -> new Regrant(GrantTarget.room(listed.room().id()), null))
        .toList();
  }

  private static Set<GrantTarget> managed(RoomStore rooms, UserId user) {
    return rooms.roomsOf(user).stream()
        .filter(listed -> listed.role().managesMembers())
        .map(listed -> GrantTarget.room(listed.room().id()))
        .collect(Collectors.toUnmodifiableSet());
  }
}
