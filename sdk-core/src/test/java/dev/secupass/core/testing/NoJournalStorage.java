package dev.secupass.core.testing;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.JournalEntry;
import dev.secupass.spi.Storage;
import java.time.Instant;
import java.util.List;

/**
 * A real storage whose upload journal keeps nothing: the SDK as it was before the journal, for
 * tests that show what the journal is for (a crash then leaves blobs no sweep finds).
 */
public final class NoJournalStorage extends ForwardingStorage {
  /** Records nothing, so every adoption succeeds and no sweep finds anything. */
  public static final BlobJournal NOTHING = new BlobJournal() {
    @Override
    public void begin(BlobId blob, Instant at) {}

    @Override
    public boolean forget(BlobId blob) {
      return true;
    }

    @Override
    public List<JournalEntry> stale(Instant before, int limit) {
      return List.of();
    }

    @Override
    public boolean claim(BlobId blob) {
      return false;
    }

    @Override
    public void remove(BlobId blob) {}
  };

  public NoJournalStorage(Storage real) {
    super(real);
  }

  @Override
  public BlobJournal blobJournal() {
    return NOTHING;
  }

  @Override
  protected Storage over(Storage tx) {
    return new NoJournalStorage(tx);
  }
}
