package dev.secupass.core.internal.rooms;

import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.UserId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who may change whose membership ({@code docs/data-rooms.md}, "Roles"): owners and managers
 * change membership; only an owner makes, demotes or removes an owner; nobody removes themselves
 * or records their own key; the last owner stays an owner. The same rules decide whether the SDK
 * lets a member make a change and whether a verifier accepts an entry.
 */
final class MembershipRules {
  private MembershipRules() {}

  /** Why a change breaks the rules. */
  enum Kind {
    /** The signer's role does not allow it. */
    NOT_PERMITTED,
    /** The subject is not a member. */
    NOT_MEMBER,
    /** The subject is a member already. */
    ALREADY_MEMBER,
    /** The change would change nothing. */
    NO_CHANGE
  }

  /** A broken rule. */
  record Violation(Kind kind, String reason) {
    /** The typed error the SDK raises when a caller asks for this change. */
    SecuPassException toException() {
      return switch (kind) {
        case NOT_PERMITTED -> new NotPermittedException(reason);
        case NOT_MEMBER -> new NotFoundException(reason);
        case ALREADY_MEMBER, NO_CHANGE -> new ConflictException(reason);
      };
    }
  }

  /**
   * The rule {@code signer} breaks by making this change among {@code roles}, or {@code null}.
   *
   * @param role the subject's role after an {@code ADD} or {@code ROLE}; otherwise ignored
   */
  static @Nullable Violation violation(Map<UserId, RoomRole> roles, UserId signer,
      MembershipAction action, UserId subject, @Nullable RoomRole role) {
    RoomRole signerRole = roles.get(signer);
    if (signerRole == null || !signerRole.managesMembers()) {
      return new Violation(Kind.NOT_PERMITTED, signer + " does not manage the members");
    }
    boolean owner = signerRole == RoomRole.OWNER;
    RoomRole current = roles.get(subject);
    if (action == MembershipAction.ADD) {
      if (current != null) {
        return new Violation(Kind.ALREADY_MEMBER, subject + " is a member already");
      }
      return role == RoomRole.OWNER && !owner
          ? new Violation(Kind.NOT_PERMITTED, "only an owner makes an owner") : null;
    }
    if (current == null) {
      return new Violation(Kind.NOT_MEMBER, subject + " is not a member");
    }
    return switch (action) {
      case REMOVE -> subject.equals(signer)
          ? new Violation(Kind.NOT_PERMITTED, "a member cannot remove themselves")
          : current == RoomRole.OWNER && !owner
              ? new Violation(Kind.NOT_PERMITTED, "only an owner removes an owner") : null;
      case ROLE -> roleChange(roles, owner, current, role);
      case KEY -> subject.equals(signer)
          ? new Violation(Kind.NOT_PERMITTED, "a member cannot grant themselves") : null;
      default -> new Violation(Kind.NOT_PERMITTED, action + " is not a change of membership");
    };
  }

  private static @Nullable Violation roleChange(Map<UserId, RoomRole> roles, boolean owner,
      RoomRole current, @Nullable RoomRole role) {
    if (role == null || role == current) {
      return new Violation(Kind.NO_CHANGE, "the role is " + current + " already");
    }
    if (!owner && (role == RoomRole.OWNER || current == RoomRole.OWNER)) {
      return new Violation(Kind.NOT_PERMITTED, "only an owner makes or demotes an owner");
    }
    long owners = roles.values().stream().filter(r -> r == RoomRole.OWNER).count();
    return current == RoomRole.OWNER && owners == 1
        ? new Violation(Kind.NOT_PERMITTED, "the last owner cannot be demoted") : null;
  }
}
