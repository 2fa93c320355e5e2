package dev.secupass.core.internal.rooms;

import dev.secupass.api.ConflictException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.Storage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creating rooms and changing their membership: each change is one signed log entry appended with
 * the index, envelopes, grants, events and audit line that go with it, in one transaction.
 */
public final class MembershipChanges {
  private final RoomContext context;
  private final GrantEngine grants;

  public MembershipChanges(RoomContext context, GrantEngine grants) {
    this.context = context;
    this.grants = grants;
  }

  /** Creates a room with {@code creator} as its owner and epoch 1's key wrapped to them. */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public RoomId create(SignedInUser user, KeySession creator, String name) {
    Names.check(name, "a room name");
    if (!user.user().equals(creator.user())) {
      throw new IllegalArgumentException("the session is of " + creator.user() + ", not of "
          + user.user());
    }
    Storage storage = context.storage();
    Actors.requireRegistered(storage, user.user(), user.kind());
    Actors.requireActive(storage, creator);
    RoomId room = RoomId.random(context.random());
    Instant now = context.now();
    try (SymmetricKey key = SymmetricKey.generate(context.random())) {
      byte[] sealedName = context.ciphers().sealRoomName(key, room, 1, name);
      MembershipEntry entry = MembershipEntries.create(creator, room, key.commitment(), now,
          relied(creator));
      RoomEnvelope envelope = Keyring.wrap(creator, room, 1, key, creator.publicKeys(), now);
      storage.inTransaction(tx -> {
        tx.rooms().create(Room.created(room, creator.user(), now, sealedName));
        tx.rooms().appendMembership(entry);
        tx.rooms().putMember(new RoomMember(room, creator.user(), RoomRole.OWNER, now));
        tx.rooms().putEnvelope(envelope);
        context.audit().ok(tx, creator.user(), "room.create", room, null);
        return null;
      });
    }
    return room;
  }

  /**
   * Adds a member. With a SecuPass the manager's first-contact policy lets them wrap to (pinned,
   * or trusted on first use), every epoch's key is wrapped to it at once; otherwise a room grant
   * is queued: it waits for their activation, or (keys the manager never verified) for a manager's
   * confirmation of their safety words ({@link dev.secupass.core.grants.Grants#confirmFirstContact}).
   *
   * @return how the member gets the key
   */
  public MemberAccess add(KeySession manager, RoomId room, UserId member, PrincipalKind kind,
      RoomRole role) {
    Objects.requireNonNull(role, "role");
    Actors.requireActive(context.storage(), manager);
    Actors.requireRegistered(context.storage(), member, kind);
    Added added = Changes.commit(context, manager, room, (state, keys) -> {
      require(state, manager, MembershipAction.ADD, member, role);
      Instant now = context.now();
      boolean hasKeys = context.storage().keys().findActive(member).isPresent();
      Optional<PublicKeys> memberKeys = hasKeys && context.firstContact().releasesAtOnce(manager, member, FirstContact.ROOMS,
              context.keys().pinning())
          ? Optional.of(context.keys().pinning().verifiedKeys(manager, member))
          : Optional.empty();
      MembershipEntry entry = MembershipEntries.next(manager, state, MembershipAction.ADD,
          member, role, null, memberKeys.map(MemberKey::of).orElse(null), now,
          relied(manager));
      List<RoomEnvelope> envelopes = memberKeys.map(k -> keys.wrapAll(k, now)).orElse(List.of());
      return tx -> {
        tx.rooms().appendMembership(entry);
        memberKeys.ifPresent(k -> requireUnchangedKey(tx, member, k.version()));
        tx.rooms().putMember(new RoomMember(room, member, role, now));
        envelopes.forEach(tx.rooms()::putEnvelope);
        Grant queued = memberKeys.isPresent()
            ? null : grants.queue(tx, GrantTarget.room(room), member, null);
        RoomEvents.memberAdded(context.events(), tx, room, member, kind, role, manager.user(),
            memberKeys.isPresent());
        context.audit().ok(tx, manager.user(), "room.member.add", room, null);
        MemberAccess access = memberKeys.isPresent() ? MemberAccess.GRANTED
            : hasKeys ? MemberAccess.AWAITING_CONFIRMATION : MemberAccess.QUEUED;
        return new Added(access, ready(queued == null ? List.of() : List.of(queued)));
      };
    });
    grants.dispatch(added.ready());
    return added.access();
  }

  private record Added(MemberAccess access, List<Grant> ready) {}

  /** The key-log checkpoint {@code signer}'s SDK relies on now, bound into their entry. */
  private BoundCheckpoint relied(KeySession signer) {
    return context.keys().pinning().reliedCheckpoint(signer);
  }

  /** Changes a member's role. */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public void changeRole(KeySession manager, RoomId room, UserId member, RoomRole role) {
    Objects.requireNonNull(role, "role");
    Actors.requireActive(context.storage(), manager);
    Changes.commit(context, manager, room, (state, keys) -> {
      require(state, manager, MembershipAction.ROLE, member, role);
      Instant now = context.now();
      MembershipEntry entry = MembershipEntries.next(manager, state, MembershipAction.ROLE,
          member, role, null, null, now, relied(manager));
      return tx -> {
        tx.rooms().appendMembership(entry);
        tx.rooms().putMember(new RoomMember(room, member, role, now));
        context.audit().ok(tx, manager.user(), "room.member.role", room, null);
        return null;
      };
    });
  }

  /**
   * Removes a member and starts the next epoch: a new key, wrapped to the remaining members (or
   * granted through the queue), the removed member's envelopes deleted and their grants cancelled.
   */
  public void remove(KeySession manager, RoomId room, UserId member) {
    Actors.requireActive(context.storage(), manager);
    List<Grant> ready = Changes.commit(context, manager, room, (state, keys) -> {
      require(state, manager, MembershipAction.REMOVE, member, null);
      Instant now = context.now();
      SymmetricKey next = keys.hold(SymmetricKey.generate(context.random()));
      MembershipEntry entry = MembershipEntries.next(manager, state, MembershipAction.REMOVE,
          member, null, next.commitment(), null, now, relied(manager));
      Rotation rotation = Rotation.plan(context, manager, state, member, next, now);
      GrantTarget target = GrantTarget.room(room);
      return tx -> {
        tx.rooms().appendMembership(entry);
        tx.rooms().advanceEpoch(room, state.epoch());
        tx.rooms().removeMember(room, member);
        tx.rooms().deleteEnvelopes(room, member);
        grants.cancel(tx, target, member);
        rotation.envelopes().forEach(tx.rooms()::putEnvelope);
        List<Grant> queued = rotation.waiting().stream()
            .map(waiting -> grants.queue(tx, target, waiting, null))
            .toList();
        RoomEvents.memberRemoved(context.events(), tx, room, member, manager.user());
        context.audit().ok(tx, manager.user(), "room.member.remove", room, null);
        return ready(queued);
      };
    });
    grants.dispatch(ready);
  }

  private static List<Grant> ready(List<Grant> grants) {
    return grants.stream().filter(grant -> grant.state() == GrantState.READY).toList();
  }

  /** Throws the typed error of the rule the change would break, if any. */
  static void require(MembershipState state, KeySession actor, MembershipAction action,
      UserId subject, @Nullable RoomRole role) {
    MembershipRules.Violation violation = MembershipRules.violation(state.roles(), actor.user(),
        action, subject, role);
    if (violation != null) {
      throw violation.toException();
    }
  }

  /** Fails the transaction if the member's active key is not the one the change was made for. */
  private static void requireUnchangedKey(Storage tx, UserId member, KeyVersion expected) {
    Optional<KeyVersion> now = tx.keys().findActive(member).map(KeyRecord::version);
    if (!now.equals(Optional.of(expected))) {
      throw new ConflictException("the SecuPass keys of " + member
          + " changed while they were being added");
    }
  }
}
