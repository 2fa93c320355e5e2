package dev.secupass.core.internal.rooms;

import dev.secupass.core.keys.SecuPassKeys;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * What every room operation works with.
 *
 * @param storage the metadata stores
 * @param blobs where file content goes
 * @param keys the SecuPass key service (active keys, pinning)
 * @param clock the time of records, events and audit lines
 * @param random identifiers and keys
 * @param membership verified membership reads
 * @param ciphers the sealed fields and file content
 * @param attempts how often a change that lost a race to a concurrent change is tried in all
 */
public record RoomContext(Storage storage, BlobStore blobs, SecuPassKeys keys, Clock clock,
    SecureRandom random, VerifiedMembership membership, RoomCiphers ciphers, int attempts) {

  public Instant now() {
    return clock.instant();
  }
}
