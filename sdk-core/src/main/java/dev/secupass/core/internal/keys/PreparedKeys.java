package dev.secupass.core.internal.keys;

import dev.secupass.spi.KeyRecord;

/**
 * New key pairs and their key record, sealed and ready to store. Holds the private keys until
 * {@link #take() taken} by the session made from them, or {@linkplain #close() closed} if they are
 * not stored.
 */
public final class PreparedKeys implements AutoCloseable {
  private final KeyRecord record;
  private final PrivateKeys keys;
  private boolean taken;

  PreparedKeys(KeyRecord record, PrivateKeys keys) {
    this.record = record;
    this.keys = keys;
  }

  /** The key record to store. */
  public KeyRecord record() {
    return record;
  }

  /** Hands the private keys over to a session; closing this no longer wipes them. */
  synchronized PrivateKeys take() {
    taken = true;
    return keys;
  }

  /** Wipes the private keys unless a session took them. */
  @Override
  public synchronized void close() {
    if (!taken) {
      keys.close();
    }
  }

  @Override
  public String toString() {
    return "PreparedKeys[user=" + record.user() + ", version=" + record.version() + "]";
  }
}
