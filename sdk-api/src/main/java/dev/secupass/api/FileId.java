package dev.secupass.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifies a file. 1-64 characters of {@code [A-Za-z0-9._-]}, so it is safe as a file name, an
 * object key and a SQL value.
 *
 * @param value the identifier
 */
public record FileId(String value) implements Comparable<FileId> {
  public FileId {
    Ids.token("FileId", value);
  }

  /** Parses an identifier; throws {@link IllegalArgumentException} if it is malformed. */
  public static FileId of(String value) {
    return new FileId(value);
  }

  /** A fresh identifier of 128 random bits from {@code random}, hex-encoded. */
  public static FileId random(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new FileId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public int compareTo(FileId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
