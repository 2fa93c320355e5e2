package dev.secupass.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifies a blob. 1-64 characters of {@code [A-Za-z0-9._-]}, so it is safe as a file name, an
 * object key and a SQL value.
 *
 * @param value the identifier
 */
public record BlobId(String value) implements Comparable<BlobId> {
  public BlobId {
    Ids.token("BlobId", value);
  }

  /** Parses an identifier; throws {@link IllegalArgumentException} if it is malformed. */
  public static BlobId of(String value) {
    return new BlobId(value);
  }

  /** A fresh identifier of 128 random bits from {@code random}, hex-encoded. */
  public static BlobId random(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new BlobId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public int compareTo(BlobId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
