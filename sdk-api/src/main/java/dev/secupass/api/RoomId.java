package dev.secupass.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifies a room. 1-64 characters of {@code [A-Za-z0-9._-]}, so it is safe as a file name, an
 * object key and a SQL value.
 *
 * @param value the identifier
 */
public record RoomId(String value) implements Comparable<RoomId> {
  public RoomId {
    Ids.token("RoomId", value);
  }

  /** Parses an identifier; throws {@link IllegalArgumentException} if it is malformed. */
  public static RoomId of(String value) {
    return new RoomId(value);
  }

  /** A fresh identifier of 128 random bits from {@code random}, hex-encoded. */
  public static RoomId random(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new RoomId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public int compareTo(RoomId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
