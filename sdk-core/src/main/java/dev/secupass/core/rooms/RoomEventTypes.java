package dev.secupass.core.rooms;

/**
 * The types of the events data rooms record for the host ({@link
 * dev.secupass.core.events.HostEvent#type()}), recorded in the transaction of the change, with the
 * attributes each carries. Room grants also cause {@link
 * dev.secupass.core.events.EventTypes#GRANT_READY} events for the room's owners and managers.
 */
public final class RoomEventTypes {
  /**
   * For a member: they were added to {@code room} by {@code by}; {@code access} is {@code granted}
   * (they can open it now) or {@code queued} (they must activate a SecuPass first; any owner or
   * manager then grants the key).
   */
  public static final String MEMBER_ADDED = "room.member_added";

  /** For a member who waited (first activation or a reset): {@code room} can now be opened. */
  public static final String ACCESS_GRANTED = "room.access_granted";

  /** For a former member: {@code by} removed them from {@code room}. */
  public static final String MEMBER_REMOVED = "room.member_removed";

  /** Attribute: the room's id. */
  public static final String ROOM = "room";
  /** Attribute: the user id of the member who made the change. */
  public static final String BY = "by";
  /** Attribute: {@code granted} or {@code queued}. */
  public static final String ACCESS = "access";

  private RoomEventTypes() {}
}
