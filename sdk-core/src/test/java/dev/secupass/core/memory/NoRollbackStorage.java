package dev.secupass.core.memory;

import dev.secupass.core.testing.ForwardingStorage;
import dev.secupass.spi.Storage;
import java.time.Clock;

/** Broken on purpose: "transactions" run straight on the stores, so nothing is rolled back. */
final class NoRollbackStorage extends ForwardingStorage {

  NoRollbackStorage(Clock clock) {
    super(new MemoryStorage(clock));
  }

  @Override
  public dev.secupass.spi.BlobJournal blobJournal() {
    return real.blobJournal();
  }

  @Override
  protected Storage over(Storage tx) {
    return this;
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return work.run(this);
  }
}
