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
import org.jspecify.annotations.Nullable;
import java.util.Optional;

/**
 * A delivery store that hands every call to a real one: the base of the broken decorators of the
 * kit's teeth tests, which override the one method they break.
 */
class ForwardingDeliveryStore implements DeliveryStore {
  final DeliveryStore real;

  ForwardingDeliveryStore(DeliveryStore real) {
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
  public List<DeliveryRecord> hostSealed(@Nullable DeliveryId after, int limit) {
    return real.hostSealed(after, limit);
  }

  @Override
  public boolean replaceManifest(DeliveryId id, byte[] expected, byte[] replacement) {
    return real.replaceManifest(id, expected, replacement);
  }

  @Override
  public DeliveryRecord updateState(DeliveryId id, DeliveryState expected, DeliveryState next) {
    return real.updateState(id, expected, next);
  }

  @Override
  public DeliveryRecord withdraw(DeliveryId id, byte[] withdrawal) {
    return real.withdraw(id, withdrawal);
  }

  @Override
  public DownloadOutcome recordDownload(DeliveryId id, FileId file, String reader) {
    return real.recordDownload(id, file, reader);
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
