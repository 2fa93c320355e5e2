package dev.secupass.core;

import org.jspecify.annotations.Nullable;

/**
 * How far a re-seal ({@link SecuPassSdk#reseal}) has come. Keep the last one (its four fields)
 * wherever the host keeps its own state to resume after a restart; re-sealing a record twice is
 * harmless, so losing the last batch's progress only repeats work.
 *
 * @param cursor where the next batch starts (the last delivery examined); null at the start
 * @param examined level 1 and 2 deliveries examined so far
 * @param resealed of those, how many were moved to the primary key (the others already were)
 * @param done true once every delivery has been examined
 */
public record ResealProgress(@Nullable String cursor, long examined, long resealed,
    boolean done) {
  /** Where a re-seal starts. */
  public static final ResealProgress START = new ResealProgress(null, 0, 0, false);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative or more were re-sealed than examined
   */
  public ResealProgress {
    if (resealed < 0 || examined < resealed) {
      throw new IllegalArgumentException("a re-seal examines at least as many records as it"
          + " re-seals, and neither count is negative: examined " + examined + ", re-sealed "
          + resealed);
    }
  }
}
