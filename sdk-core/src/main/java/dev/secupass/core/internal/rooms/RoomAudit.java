package dev.secupass.core.internal.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.Storage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The audit lines of data rooms: action {@code room.<what>}, target {@code room:<id>} or {@code
 * room:<id>/entry:<id>}, outcome {@code ok} or {@code not_permitted}.
 */
public final class RoomAudit {
  /** The outcome of a change that was made. */
  public static final String OK = "ok";
  /** The outcome of an attempt beyond the caller's role. */
  public static final String NOT_PERMITTED = "not_permitted";

  private RoomAudit() {}

  public static void record(Storage storage, Instant now, UserId actor, String action,
      RoomId room, @Nullable FileId entry, String outcome) {
    storage.audit().append(new AuditEntry(now, actor, action, target(room, entry), outcome));
  }

  /** The audit target of a room or one of its entries. */
  public static String target(RoomId room, @Nullable FileId entry) {
    return "room:" + room + (entry == null ? "" : "/entry:" + entry);
  }
}
