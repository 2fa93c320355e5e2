package dev.secupass.core.internal.memory;

import java.time.Instant;
import java.util.function.Function;

/**
 * An index key ordered by an instant, then by an identifier: the order of inboxes, outboxes, grant
 * queues and expiry lists. It doubles as a keyset cursor: {@link #cursor()} and {@link #parse}.
 *
 * @param at the instant
 * @param id the identifier
 * @param <I> the identifier type
 */
record TimeKey<I extends Comparable<I>>(Instant at, I id) implements Comparable<TimeKey<I>> {
  @Override
  public int compareTo(TimeKey<I> other) {
    int byTime = at.compareTo(other.at);
    return byTime != 0 ? byTime : id.compareTo(other.id);
  }

  /** This key as an opaque cursor: {@code seconds.nanos.id}. */
  String cursor() {
    return at.getEpochSecond() + "." + at.getNano() + "." + id;
  }

  /**
   * Reads a cursor made by {@link #cursor()}.
   *
   * @throws IllegalArgumentException if it is malformed
   */
  static <I extends Comparable<I>> TimeKey<I> parse(String cursor, Function<String, I> ids) {
    String[] parts = cursor.split("\\.", 3);
    try {
      if (parts.length != 3) {
        throw new IllegalArgumentException("malformed page cursor");
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
      return new TimeKey<>(at, ids.apply(parts[2]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed page cursor", e);
    }
  }

}
