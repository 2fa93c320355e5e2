package dev.secupass.core.testing;

import dev.secupass.api.BlobId;
import dev.secupass.spi.AuditLog;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.JournalEntry;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.time.Instant;
import java.util.List;

/**
 * A real storage whose upload journal keeps nothing: the SDK as it was before the journal, for
 * tests that show what the journal is for (a crash then leaves blobs no sweep finds).
 */
public final class NoJournalStorage implements Storage {
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

  private final Storage real;

  public NoJournalStorage(Storage real) {
    this.real = real;
  }

  @Override
  public KeyStore keys() {
    return real.keys();
  }

  @Override
  public DeliveryStore deliveries() {
    return real.deliveries();
  }

  @Override
  public GrantQueue grants() {
    return real.grants();
  }

  @Override
  public RoomStore rooms() {
    return real.rooms();
  }

  @Override
  public GuestStore guests() {
    return real.guests();
  }

  @Override
  public EventOutbox events() {
    return real.events();
  }

  @Override
  public AuditLog audit() {
    return real.audit();
  }

  @Override
  public KeyLogStore keyLog() {
    return real.keyLog();
  }

  @Override
  public BlobJournal blobJournal() {
    return NOTHING;
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return real.inTransaction(tx -> work.run(new NoJournalStorage(tx)));
  }
}
