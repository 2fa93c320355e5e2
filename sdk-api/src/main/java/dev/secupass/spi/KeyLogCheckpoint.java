package dev.secupass.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed checkpoint of the key log: a C2SP {@code tlog-checkpoint} signed note.
 *
 * @param size the tree size it commits to
 * @param note the signed note text, signature lines included
 * @param createdAt when it was signed
 */
public record KeyLogCheckpoint(long size, String note, Instant createdAt) {

  public KeyLogCheckpoint {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
