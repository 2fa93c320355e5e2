package dev.secupass.spi;

import dev.secupass.api.RoomId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signed entry of a room's membership log. Entries are numbered from 0 without gaps; each is
 * signed by the member who made the change and chained to the previous one (the chaining is inside
 * the opaque {@code entry}).
 *
 * @param room the room
 * @param sequence 0 for the first entry, then one more each time
 * @param entry the encoded, signed entry ({@code docs/format.md})
 * @param createdAt when it was appended
 */
public record MembershipEntry(RoomId room, long sequence, byte[] entry, Instant createdAt) {
  public MembershipEntry {
    Objects.requireNonNull(room, "room");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    entry = Bytes.copy(entry, "entry");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] entry() {
    return entry.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MembershipEntry m
        && room.equals(m.room)
        && sequence == m.sequence
        && Arrays.equals(entry, m.entry)
        && createdAt.equals(m.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(room, sequence);
  }

  @Override
  public String toString() {
    return "MembershipEntry[room=" + room + ", sequence=" + sequence + "]";
  }
}
