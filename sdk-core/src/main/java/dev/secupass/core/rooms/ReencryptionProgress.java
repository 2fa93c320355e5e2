package dev.secupass.core.rooms;

/**
 * What one run of {@link DataRooms#reencryptOlderEntries} did.
 *
 * @param reencrypted entries moved to the current epoch in this run
 * @param remaining entries still under an older epoch (skipped after a concurrent change, or
 *     beyond this run's limit)
 */
public record ReencryptionProgress(int reencrypted, int remaining) {
  public ReencryptionProgress {
    if (reencrypted < 0 || remaining < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Whether every entry of the room is under the current epoch. */
  public boolean complete() {
    return remaining == 0;
  }
}
