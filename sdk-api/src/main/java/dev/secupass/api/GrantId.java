package dev.secupass.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifies a grant. 1-64 characters of {@code [A-Za-z0-9._-]}, so it is safe as a file name, an
 * object key and a SQL value.
 *
 * @param value the identifier
 */
public record GrantId(String value) implements Comparable<GrantId> {
  public GrantId {
    Ids.token("GrantId", value);
  }

  /** Parses an identifier; throws {@link IllegalArgumentException} if it is malformed. */
  public static GrantId of(String value) {
    return new GrantId(value);
  }

  /** A fresh identifier of 128 random bits from {@code random}, hex-encoded. */
  public static GrantId random(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new GrantId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public int compareTo(GrantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
