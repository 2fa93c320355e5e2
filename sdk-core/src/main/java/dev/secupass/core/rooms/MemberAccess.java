package dev.secupass.core.rooms;

/** How a member added to a room gets the room key. */
public enum MemberAccess {
  /** They have a SecuPass: the key was wrapped to them at once and they can open the room. */
  GRANTED,
  /**
   * They have no SecuPass yet: a room grant waits. Once they activate, any owner or manager whose
   * session is open (or who unlocks next) wraps the key to them.
   */
  QUEUED,
  /**
   * They have a SecuPass, but the caller never verified their keys (no pin) and the SDK's
   * first-contact policy does not trust on first use: nothing was wrapped to those keys. A room
   * grant waits, held for an owner's or manager's confirmation of the member's safety words
   * ({@code GrantRun.awaitingConfirmation()}, {@code grants().confirmFirstContact}).
   */
  AWAITING_CONFIRMATION
}
