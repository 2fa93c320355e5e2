package dev.secupass.core.rooms;

/** How a member added to a room gets the room key. */
public enum MemberAccess {
  /** They have a SecuPass: the key was wrapped to them at once and they can open the room. */
  GRANTED,
  /**
   * They have no SecuPass yet: a room grant waits. Once they activate, any owner or manager whose
   * session is open (or who unlocks next) wraps the key to them.
   */
  QUEUED
}
