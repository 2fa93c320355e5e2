package dev.secupass.core.testing;

import dev.secupass.spi.AuditLog;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.util.Objects;

/**
 * A storage that forwards every store to another: the test storages that change one store (an
 * operator's hands, a broken store for the kit's teeth, a store the SDK ran without) extend it and
 * override that store alone, so a store the SPI gains is forwarded here, once.
 */
public abstract class ForwardingStorage implements Storage {
  /** The storage forwarded to. */
  protected final Storage real;

  protected ForwardingStorage(Storage real) {
    this.real = Objects.requireNonNull(real, "real");
  }

  /** The same decoration over {@code tx}, a transaction's view of {@link #real}. */
  protected abstract Storage over(Storage tx);

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
    return real.blobJournal();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return real.inTransaction(tx -> work.run(over(tx)));
  }
}
