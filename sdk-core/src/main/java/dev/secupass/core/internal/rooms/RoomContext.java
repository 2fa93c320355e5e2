package dev.secupass.core.internal.rooms;

import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * What every room operation works with.
 *
 * @param storage the metadata stores
 * @param keys the SecuPass key service (active keys, pinning)
 * @param clock the time of records
 * @param random identifiers and keys
 * @param membership verified membership reads
 * @param ciphers the sealed fields and file content
 * @param events the event outbox writer
 * @param audit the audit trail writer
 * @param attempts how often a change that lost a race to a concurrent change is tried in all
 * @param firstContact the release decision for members' never-verified keys
 */
public record RoomContext(Storage storage, KeyService keys, Clock clock, SecureRandom random,
    VerifiedMembership membership, RoomCiphers ciphers, EventRecorder events, RoomAudit audit,
    int attempts, FirstContact firstContact) {

  /** A context whose recorders and verification use these settings. */
  public static RoomContext of(Storage storage, KeyService keys, Clock clock,
      SecureRandom random, int segmentSize, int attempts, int verifiedRoomsCached,
      FirstContact firstContact) {
    Function<Storage, KeyPinning> pinning = on -> keys.on(on).pinning();
    return new RoomContext(storage, keys, clock, random,
        new VerifiedMembership(pinning, verifiedRoomsCached),
        new RoomCiphers(random, segmentSize), new EventRecorder(clock, random),
        new RoomAudit(new AuditRecorder(clock)), attempts, firstContact);
  }

  /** Key pinning whose pins are read and written through {@code on} (a transaction's stores). */
  public KeyPinning pinning(Storage on) {
    return membership.pinning(on);
  }

  public Instant now() {
    return clock.instant();
  }
}
