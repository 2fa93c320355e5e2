package dev.secupass.core.internal.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.spi.Storage;
import org.jspecify.annotations.Nullable;

/**
 * The audit lines of data rooms: action {@code room.<what>}, target {@code room:<id>} or {@code
 * room:<id>/entry:<id>}, outcome {@code ok} or {@code not_permitted}.
 */
public final class RoomAudit {
  /** The outcome of an attempt beyond the caller's role. */
  public static final String NOT_PERMITTED = "not_permitted";

  private final AuditRecorder recorder;

  public RoomAudit(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  /** A change that was made, through the transaction that made it. */
  public void ok(Storage tx, UserId actor, String action, RoomId room, @Nullable FileId entry) {
    recorder.record(tx, actor, action, target(room, entry), AuditRecorder.OK);
  }

  /** An attempt beyond the caller's role, in a transaction of its own. */
  public void refused(Storage storage, UserId actor, String action, RoomId room) {
    recorder.record(storage, actor, action, target(room, null), NOT_PERMITTED);
  }

  /** The audit target of a room or one of its entries. */
  public static String target(RoomId room, @Nullable FileId entry) {
    return "room:" + room + (entry == null ? "" : "/entry:" + entry);
  }
}
