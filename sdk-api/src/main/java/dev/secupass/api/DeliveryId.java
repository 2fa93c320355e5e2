package dev.secupass.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifies a delivery. 1-64 characters of {@code [A-Za-z0-9._-]}, so it is safe as a file name, an
 * object key and a SQL value.
 *
 * @param value the identifier
 */
public record DeliveryId(String value) implements Comparable<DeliveryId> {
  public DeliveryId {
    Ids.token("DeliveryId", value);
  }

  /** Parses an identifier; throws {@link IllegalArgumentException} if it is malformed. */
  public static DeliveryId of(String value) {
    return new DeliveryId(value);
  }

  /** A fresh identifier of 128 random bits from {@code random}, hex-encoded. */
  public static DeliveryId random(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new DeliveryId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public int compareTo(DeliveryId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
