package dev.secupass.core.memory;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.DownloadOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broken on purpose: {@link #recordDownload} names the reader afresh on every call, so the same
 * reader's download of the same file is counted again and again.
 */
final class RecountingDeliveryStore implements DeliveryStore {
  private final DeliveryStore real;
  /** Shared: the storage makes a decorator per call. */
  private static final AtomicInteger CALLS = new AtomicInteger();

  RecountingDeliveryStore(DeliveryStore real) {
    this.real = real;
  }

  @Override
  public Page<DeliveryRecord> inbox(UserId recipient, PageRequest page) {
    return real.inbox(recipient, page);
  }

  @Override
  public void create(DeliveryRecord delivery) {
    real.create(delivery);
  }

  @Override
  public Optional<DeliveryRecord> find(DeliveryId id) {
    return real.find(id);
  }

  @Override
  public Optional<DeliveryRecord> findByLinkTokenHash(byte[] tokenHash) {
    return real.findByLinkTokenHash(tokenHash);
  }

  @Override
  public Page<DeliveryRecord> outbox(UserId sender, PageRequest page) {
    return real.outbox(sender, page);
  }

  @Override
  public List<DeliveryRecord> findExpired(Instant now, int limit) {
    return real.findExpired(now, limit);
  }

  @Override
  public DeliveryRecord updateState(DeliveryId id, DeliveryState expected, DeliveryState next) {
    return real.updateState(id, expected, next);
  }

  @Override
  public DownloadOutcome recordDownload(DeliveryId id, FileId file, String reader) {
    boolean valid = !reader.isEmpty() && reader.length() <= MAX_READER_LENGTH;
    return real.recordDownload(id, file, valid
        ? reader.substring(0, Math.min(reader.length(), 180)) + "#" + CALLS.incrementAndGet()
        : reader);
  }

  @Override
  public void putEnvelope(DeliveryEnvelope envelope) {
    real.putEnvelope(envelope);
  }

  @Override
  public Optional<DeliveryEnvelope> findEnvelope(
      DeliveryId delivery, UserId recipient, KeyVersion keyVersion) {
    return real.findEnvelope(delivery, recipient, keyVersion);
  }

  @Override
  public List<DeliveryEnvelope> envelopes(DeliveryId delivery) {
    return real.envelopes(delivery);
  }
}
