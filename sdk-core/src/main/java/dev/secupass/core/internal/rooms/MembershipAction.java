package dev.secupass.core.internal.rooms;

import dev.secupass.api.MembershipLogException;

/** What a membership-log entry does, with its stored code ({@code docs/data-rooms.md}). */
public enum MembershipAction {
  /** Entry 0: the creator founds the room as its first owner; epoch 1 begins. */
  CREATE(1),
  /** A new member joins with a role. */
  ADD(2),
  /** A member leaves; the next key epoch begins. */
  REMOVE(3),
  /** A member's role changes. */
  ROLE(4),
  /** A member's SecuPass key is recorded (after their first activation or a reset). */
  KEY(5);

  private final int code;

  MembershipAction(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Whether an entry of this action starts a new key epoch. */
  public boolean startsEpoch() {
    return this == CREATE || this == REMOVE;
  }

  static MembershipAction of(int code) {
    for (MembershipAction action : values()) {
      if (action.code == code) {
        return action;
      }
    }
    throw new MembershipLogException("malformed membership entry: unknown action " + code);
  }
}
