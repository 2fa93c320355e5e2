package dev.secupass.core.internal.rooms;

import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SessionClosedException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.Storage;

/** Who may act in data rooms at all, and who may be a member. */
public final class Actors {
  private Actors() {}

  /**
   * Checks that the session holds the user's active keys.
   *
   * @throws SecuPassRequiredException if the user has no active SecuPass
   * @throws SessionClosedException if a reset replaced the session's keys
   */
  public static void requireActive(Storage storage, KeySession session) {
    KeyRecord active = storage.keys().findActive(session.user())
        .orElseThrow(() -> new SecuPassRequiredException(People.of(storage, session.user())));
    if (!active.version().equals(session.keyVersion())) {
      throw new SessionClosedException("the session of " + session.user() + " holds keys "
          + session.keyVersion() + ", which a reset replaced by " + active.version()
          + "; unlock again");
    }
  }

  /**
   * Checks that {@code user} can be a room member: an employee or partner, not a guest (as the
   * host says, or as the guest store knows them).
   *
   * @throws NotPermittedException for a guest
   */
  public static void requireRegistered(Storage storage, UserId user, PrincipalKind kind) {
    if (!kind.isRegistered() || storage.guests().find(user).isPresent()) {
      throw new NotPermittedException(user + " is a guest; guests cannot be members of data"
          + " rooms");
    }
  }

  /**
   * The user's role in the verified membership.
   *
   * @throws NotPermittedException if they are not a member
   */
  public static RoomRole requireMember(MembershipState state, UserId user) {
    return state.role(user).orElseThrow(() -> new NotPermittedException(user
        + " is not a member of room " + state.room()));
  }

  /**
   * Checks that the user may change the membership and rename the room (owner or manager).
   *
   * @throws NotPermittedException otherwise
   */
  public static void requireManager(MembershipState state, UserId user) {
    RoomRole role = requireMember(state, user);
    if (!role.managesMembers()) {
      throw new NotPermittedException(user + " is a " + role + " of room " + state.room()
          + "; only owners and managers may do this");
    }
  }

  /**
   * Checks that the user may upload, delete and manage folders (editor or above).
   *
   * @throws NotPermittedException otherwise
   */
  public static void requireWriter(MembershipState state, UserId user) {
    RoomRole role = requireMember(state, user);
    if (!role.writes()) {
      throw new NotPermittedException(user + " is a " + role + " of room " + state.room()
          + " and may only read");
    }
  }
}
