package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.AtRestKeyRing;
import dev.secupass.core.ResealProgress;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryStore;
import java.util.List;
import java.util.Optional;

/**
 * The re-seal job: moves the host-sealed manifests of level 1 and 2 deliveries to the key ring's
 * primary key, a batch at a time, in the store's order of delivery ids, so that a key no record
 * names any more can leave the ring. Each replacement is a compare-and-set on the manifest, so a
 * re-seal running beside the SDK's own writes (or beside another re-seal) loses nothing.
 */
public final class Resealing {
  private final DeliveryStore deliveries;
  private final AtRestKey atRestKey;

  public Resealing(DeliveryStore deliveries, AtRestKey atRestKey) {
    this.deliveries = deliveries;
    this.atRestKey = atRestKey;
  }

  /**
   * Examines the next batch after {@code from}.
   *
   * @throws IllegalStateException if the SDK's at-rest key is not a key ring
   * @throws IllegalArgumentException if {@code batchSize} is below 1
   */
  public ResealProgress next(ResealProgress from, int batchSize) {
    if (!(atRestKey instanceof AtRestKeyRing ring)) {
      throw new IllegalStateException("re-sealing moves records between the keys of an"
          + " AtRestKeyRing; this SDK's at-rest key is a single key");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("a re-seal batch is 1 or more deliveries, got "
          + batchSize);
    }
    if (from.done()) {
      return from;
    }
    DeliveryId after = from.cursor() == null ? null : DeliveryId.of(from.cursor());
    List<DeliveryRecord> batch = deliveries.hostSealed(after, batchSize);
    long resealed = from.resealed();
    for (DeliveryRecord record : batch) {
      if (reseal(ring, record)) {
        resealed++;
      }
    }
    String cursor = batch.isEmpty() ? from.cursor() : batch.get(batch.size() - 1).id().value();
    return new ResealProgress(cursor, from.examined() + batch.size(), resealed,
        batch.size() < batchSize);
  }

  /** Moves one record; true if it was under another key. Retries once if it changed meanwhile. */
  private boolean reseal(AtRestKeyRing ring, DeliveryRecord record) {
    DeliveryRecord current = record;
    for (int attempt = 0; attempt < 2; attempt++) {
      Optional<byte[]> moved = HostManifest.reseal(ring, current);
      if (moved.isEmpty()) {
        return false;
      }
      if (deliveries.replaceManifest(current.id(), current.manifest(), moved.get())) {
        return true;
      }
      Optional<DeliveryRecord> reread = deliveries.find(current.id());
      if (reread.isEmpty()) {
        return false;
      }
      current = reread.get();
    }
    return false;
  }
}
