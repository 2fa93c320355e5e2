package dev.secupass.core.memory;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.JournalEntry;
import java.time.Instant;
import java.util.List;

/**
 * Broken on purpose: {@link #forget} takes an entry out even when a sweep has claimed it, so a
 * transaction could commit a row referring to a blob the sweep is deleting.
 */
final class ClaimBlindBlobJournal implements BlobJournal {
  private final BlobJournal real;

  ClaimBlindBlobJournal(BlobJournal real) {
    this.real = real;
  }

  @Override
  public boolean forget(BlobId blob) {
    boolean existed = real.claim(blob);
    real.remove(blob);
    return existed;
  }

  @Override
  public void begin(BlobId blob, Instant at) {
    real.begin(blob, at);
  }

  @Override
  public List<JournalEntry> stale(Instant before, int limit) {
    return real.stale(before, limit);
  }

  @Override
  public boolean claim(BlobId blob) {
    return real.claim(blob);
  }

  @Override
  public void remove(BlobId blob) {
    real.remove(blob);
  }
}
