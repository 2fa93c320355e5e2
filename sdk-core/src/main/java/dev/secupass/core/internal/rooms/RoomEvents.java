package dev.secupass.core.internal.rooms;

import dev.secupass.api.EventId;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The events data rooms give the host ({@code docs/data-rooms.md}, "Events"), appended in the
 * transaction of the change. The payload is UTF-8 text {@code room=<room id>}, plus a second line
 * {@code access=granted|queued} for an added member.
 */
public final class RoomEvents {
  /** A member was added; {@code access=queued} means they must activate a SecuPass first. */
  public static final String MEMBER_ADDED = "room.member_added";
  /** A member who waited (first activation or a reset) can now open the room. */
  public static final String ACCESS_GRANTED = "room.access_granted";
  /** A member was removed. */
  public static final String MEMBER_REMOVED = "room.member_removed";

  private RoomEvents() {}

  static void memberAdded(Storage tx, SecureRandom random, Instant now, RoomId room,
      UserId member, boolean granted) {
    append(tx, random, now, MEMBER_ADDED, member,
        "room=" + room + "\naccess=" + (granted ? "granted" : "queued"));
  }

  static void accessGranted(Storage tx, SecureRandom random, Instant now, RoomId room,
      UserId member) {
    append(tx, random, now, ACCESS_GRANTED, member, "room=" + room);
  }

  static void memberRemoved(Storage tx, SecureRandom random, Instant now, RoomId room,
      UserId member) {
    append(tx, random, now, MEMBER_REMOVED, member, "room=" + room);
  }

  private static void append(Storage tx, SecureRandom random, Instant now, String type,
      UserId audience, String payload) {
    tx.events().append(new Event(EventId.random(random), type, audience,
        payload.getBytes(StandardCharsets.UTF_8), now));
  }
}
