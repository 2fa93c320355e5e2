package dev.secupass.core.memory;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.DownloadOutcome;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broken on purpose: {@link #recordDownload} names the reader afresh on every call, so the same
 * reader's download of the same file is counted again and again.
 */
final class RecountingDeliveryStore extends ForwardingDeliveryStore {
  /** Shared: the storage makes a decorator per call. */
  private static final AtomicInteger CALLS = new AtomicInteger();

  RecountingDeliveryStore(DeliveryStore real) {
    super(real);
  }

  @Override
  public DownloadOutcome recordDownload(DeliveryId id, FileId file, String reader) {
    boolean valid = !reader.isEmpty() && reader.length() <= MAX_READER_LENGTH;
    return real.recordDownload(id, file, valid
        ? reader.substring(0, Math.min(reader.length(), 180)) + "#" + CALLS.incrementAndGet()
        : reader);
  }
}
