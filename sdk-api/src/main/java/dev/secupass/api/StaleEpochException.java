package dev.secupass.api;

/**
 * A data room's key epoch moved on (a member was removed) while something was being written under
 * the epoch before. Nothing was changed; writing again under the current epoch succeeds.
 */
public class StaleEpochException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final RoomId room;
  private final int used;
  private final int current;

  public StaleEpochException(RoomId room, int used, int current) {
    super("room " + room + " is at key epoch " + current + ", not " + used
        + " as written; write again under the current epoch");
    this.room = room;
    this.used = used;
    this.current = current;
  }

  /** The room. */
  public RoomId room() {
    return room;
  }

  /** The epoch that was written under. */
  public int used() {
    return used;
  }

  /** The room's epoch now. */
  public int current() {
    return current;
  }
}
