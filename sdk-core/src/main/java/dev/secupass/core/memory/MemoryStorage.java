package dev.secupass.core.memory;

import dev.secupass.core.internal.memory.MemoryAuditLog;
import dev.secupass.core.internal.memory.MemoryBlobJournal;
import dev.secupass.core.internal.memory.MemoryKeyLogStore;
import dev.secupass.core.internal.memory.MemoryDeliveryStore;
import dev.secupass.core.internal.memory.MemoryEventOutbox;
import dev.secupass.core.internal.memory.MemoryGrantQueue;
import dev.secupass.core.internal.memory.MemoryGuestStore;
import dev.secupass.core.internal.memory.MemoryKeyStore;
import dev.secupass.core.internal.memory.MemoryRoomStore;
import dev.secupass.core.internal.memory.StorageLock;
import dev.secupass.core.internal.memory.TransactionAccess;
import dev.secupass.spi.AuditLog;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every metadata store of the SPI, in memory: the reference implementation the conformance kit
 * runs against, and the storage of tests and quick starts. Nothing survives the JVM.
 *
 * <p>Thread-safe. One read-write lock guards all stores: reads share it, each change holds it
 * exclusively, and {@link #inTransaction} holds it exclusively for the whole work, so
 * transactions are serializable (other threads wait for the transaction instead of seeing part of
 * it). Every change records its inverse in an undo journal; if the work throws, the journal is
 * replayed backwards and nothing of the work remains. While a transaction runs, changes its
 * thread makes through this storage join it, whether made through the transactional view or not;
 * the transactional view fails with {@link IllegalStateException} when used from another thread or
 * after the work returned. Keep transactions short: they stop every other caller.
 *
 * <p>Lookups and listings use indexes (inboxes, outboxes, grant queues by granter and target,
 * room entries by id) and keyset cursors, so a page costs about its size, not the store's.
 */
public final class MemoryStorage implements Storage {
  private final StorageLock lock;
  private final @Nullable TransactionAccess transaction;
  private final MemoryKeyStore keys;
  private final MemoryDeliveryStore deliveries;
  private final MemoryGrantQueue grants;
  private final MemoryRoomStore rooms;
  private final MemoryGuestStore guests;
  private final MemoryEventOutbox events;
  private final MemoryAuditLog audit;
  private final MemoryKeyLogStore keyLog;
  private final MemoryBlobJournal blobJournal;

  /**
   * An empty storage.
   *
   * @param clock the clock grant and event leases are measured with and grant changes are stamped with
   */
  public MemoryStorage(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    lock = new StorageLock();
    transaction = null;
    keys = new MemoryKeyStore(lock);
    deliveries = new MemoryDeliveryStore(lock);
    grants = new MemoryGrantQueue(lock, clock);
    rooms = new MemoryRoomStore(lock);
    guests = new MemoryGuestStore(lock);
    events = new MemoryEventOutbox(lock, clock);
    audit = new MemoryAuditLog(lock);
    keyLog = new MemoryKeyLogStore(lock);
    blobJournal = new MemoryBlobJournal(lock);
  }

  /** The view of {@code base}'s data handed to a transaction's work. */
  private MemoryStorage(MemoryStorage base, TransactionAccess access) {
    lock = base.lock;
    transaction = access;
    keys = base.keys.bind(access);
    deliveries = base.deliveries.bind(access);
    grants = base.grants.bind(access);
    rooms = base.rooms.bind(access);
    guests = base.guests.bind(access);
    events = base.events.bind(access);
    audit = base.audit.bind(access);
    keyLog = base.keyLog.bind(access);
    blobJournal = base.blobJournal.bind(access);
  }

  @Override
  public KeyStore keys() {
    return keys;
  }

  @Override
  public DeliveryStore deliveries() {
    return deliveries;
  }

  @Override
  public GrantQueue grants() {
    return grants;
  }

  @Override
  public RoomStore rooms() {
    return rooms;
  }

  @Override
  public GuestStore guests() {
    return guests;
  }

  @Override
  public EventOutbox events() {
    return events;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public KeyLogStore keyLog() {
    return keyLog;
  }

  @Override
  public BlobJournal blobJournal() {
    return blobJournal;
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    if (transaction != null) {
      transaction.checkUsable();
      return work.run(this);
    }
    return lock.transaction(() -> {
      TransactionAccess access = new TransactionAccess(lock);
      try {
        return work.run(new MemoryStorage(this, access));
      } finally {
        access.close();
      }
    });
  }

  @Override
  public String toString() {
    return transaction == null ? "MemoryStorage" : "MemoryStorage[transaction]";
  }
}
