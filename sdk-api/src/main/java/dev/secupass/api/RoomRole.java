package dev.secupass.api;

/** A member's role in a data room, from the most to the least powerful. */
public enum RoomRole {
  /** Everything a manager can do; cannot be removed by a manager. */
  OWNER,
  /** Invites and removes members, and everything an editor can do. */
  MANAGER,
  /** Uploads, deletes and manages folders, and reads. */
  EDITOR,
  /** Reads. */
  VIEWER;

  /** Whether this role may add and remove members (and fulfil room grants). */
  public boolean managesMembers() {
    return this == OWNER || this == MANAGER;
  }

  /** Whether this role may upload, delete and manage folders. */
  public boolean writes() {
    return this != VIEWER;
  }
}
