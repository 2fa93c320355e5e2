package dev.secupass.core.internal.delivery;

import dev.secupass.core.AtRestKey;
import dev.secupass.core.delivery.DeliveryPolicies;
import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the delivery services share: the stores, the clock and random source, the key service, the
 * host's at-rest key, the policies, the event and audit recorders, the first-contact rules, and the
 * upload journal with the grace period its sweep waits.
 */
public record DeliveryContext(Storage storage, BlobStore blobs, Clock clock, SecureRandom random,
    KeyService keys, AtRestKey atRestKey, DeliveryPolicies policies, EventRecorder events,
    AuditRecorder audit, FirstContact firstContact, UploadJournal journal, Duration orphanGrace) {

  /** Now, in whole milliseconds: the precision stores keep, so signed times match stored ones. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Key pinning whose pins are read and written through {@code tx}. */
  public KeyPinning pinning(Storage tx) {
    return keys.on(tx).pinning();
  }

  /** The implementation of a session a host handed in: this SDK instance's own. */
  public KeySession own(SecuPassSession session) {
    return keys.sessions().own(session);
  }
}
