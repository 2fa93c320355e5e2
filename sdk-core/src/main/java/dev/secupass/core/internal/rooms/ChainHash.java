package dev.secupass.core.internal.rooms;

import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;

/**
 * The hash that chains membership-log entries: SHA-256 of a label and the whole stored entry (the
 * signed statement), so an entry commits to every entry before it.
 */
public final class ChainHash {
  /** Length in bytes. */
  public static final int SIZE = 32;

  private static final byte[] LABEL = Labels.of(RoomLabels.CHAIN);

  private ChainHash() {}

  /** What entry 0 names as its previous hash. */
  public static byte[] genesis() {
    return new byte[SIZE];
  }

  /** The chain hash of a stored entry. */
  public static byte[] of(byte[] storedEntry) {
    return Hashes.sha256(LABEL, storedEntry);
  }
}
