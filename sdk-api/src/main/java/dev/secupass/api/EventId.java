package dev.secupass.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifies a event. 1-64 characters of {@code [A-Za-z0-9._-]}, so it is safe as a file name, an
 * object key and a SQL value.
 *
 * @param value the identifier
 */
public record EventId(String value) implements Comparable<EventId> {
  public EventId {
    Ids.token("EventId", value);
  }

  /** Parses an identifier; throws {@link IllegalArgumentException} if it is malformed. */
  public static EventId of(String value) {
    return new EventId(value);
  }

  /** A fresh identifier of 128 random bits from {@code random}, hex-encoded. */
  public static EventId random(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new EventId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public int compareTo(EventId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
