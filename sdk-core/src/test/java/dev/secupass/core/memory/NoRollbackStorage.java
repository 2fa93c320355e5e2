package dev.secupass.core.memory;

import dev.secupass.spi.AuditLog;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.time.Clock;

/** Broken on purpose: "transactions" run straight on the stores, so nothing is rolled back. */
final class NoRollbackStorage implements Storage {
  private final Storage real;

  NoRollbackStorage(Clock clock) {
    this.real = new MemoryStorage(clock);
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
  public dev.secupass.spi.BlobJournal blobJournal() {
    return real.blobJournal();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return work.run(this);
  }
}
