package dev.secupass.core.memory;

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
import java.util.function.UnaryOperator;

/**
 * A storage whose key store, delivery store, grant queue, room store, event outbox, key log or
 * upload journal is replaced by
 * a (broken) decorator of the real one; the transactional view is decorated the same way. For the
 * kit's teeth tests: {@code DecoratedStorage.of(new MemoryStorage(clock)).rooms(Broken::new)}.
 */
final class DecoratedStorage implements Storage {
  private final Storage real;
  private final UnaryOperator<KeyStore> keys;
  private final UnaryOperator<DeliveryStore> deliveries;
  private final UnaryOperator<GrantQueue> grants;
  private final UnaryOperator<RoomStore> rooms;
  private final UnaryOperator<EventOutbox> events;
  private final UnaryOperator<KeyLogStore> keyLog;
  private final UnaryOperator<BlobJournal> blobJournal;

  private DecoratedStorage(Storage real, UnaryOperator<KeyStore> keys,
      UnaryOperator<DeliveryStore> deliveries, UnaryOperator<GrantQueue> grants,
      UnaryOperator<RoomStore> rooms, UnaryOperator<EventOutbox> events,
      UnaryOperator<KeyLogStore> keyLog, UnaryOperator<BlobJournal> blobJournal) {
    this.real = real;
    this.keys = keys;
    this.deliveries = deliveries;
    this.grants = grants;
    this.rooms = rooms;
    this.events = events;
    this.keyLog = keyLog;
    this.blobJournal = blobJournal;
  }

  /** {@code real} with nothing replaced yet. */
  static DecoratedStorage of(Storage real) {
    return new DecoratedStorage(real, UnaryOperator.identity(), UnaryOperator.identity(),
        UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity(),
        UnaryOperator.identity(), UnaryOperator.identity());
  }

  DecoratedStorage keys(UnaryOperator<KeyStore> decorator) {
    return new DecoratedStorage(real, decorator, deliveries, grants, rooms, events,
        keyLog, blobJournal);
  }

  DecoratedStorage deliveries(UnaryOperator<DeliveryStore> decorator) {
    return new DecoratedStorage(real, keys, decorator, grants, rooms, events,
        keyLog, blobJournal);
  }

  DecoratedStorage grants(UnaryOperator<GrantQueue> decorator) {
    return new DecoratedStorage(real, keys, deliveries, decorator, rooms, events,
        keyLog, blobJournal);
  }

  DecoratedStorage rooms(UnaryOperator<RoomStore> decorator) {
    return new DecoratedStorage(real, keys, deliveries, grants, decorator, events,
        keyLog, blobJournal);
  }

  DecoratedStorage keyLog(UnaryOperator<KeyLogStore> decorator) {
    return new DecoratedStorage(real, keys, deliveries, grants, rooms, events, decorator,
        blobJournal);
  }

  DecoratedStorage blobJournal(UnaryOperator<BlobJournal> decorator) {
    return new DecoratedStorage(real, keys, deliveries, grants, rooms, events, keyLog, decorator);
  }

  DecoratedStorage events(UnaryOperator<EventOutbox> decorator) {
    return new DecoratedStorage(real, keys, deliveries, grants, rooms, decorator,
        keyLog, blobJournal);
  }

  @Override
  public KeyStore keys() {
    return keys.apply(real.keys());
  }

  @Override
  public DeliveryStore deliveries() {
    return deliveries.apply(real.deliveries());
  }

  @Override
  public GrantQueue grants() {
    return grants.apply(real.grants());
  }

  @Override
  public RoomStore rooms() {
    return rooms.apply(real.rooms());
  }

  @Override
  public GuestStore guests() {
    return real.guests();
  }

  @Override
  public EventOutbox events() {
    return events.apply(real.events());
  }

  @Override
  public AuditLog audit() {
    return real.audit();
  }

  @Override
  public KeyLogStore keyLog() {
    return keyLog.apply(real.keyLog());
  }

  @Override
  public BlobJournal blobJournal() {
    return blobJournal.apply(real.blobJournal());
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return real.inTransaction(tx -> work.run(
        new DecoratedStorage(tx, keys, deliveries, grants, rooms, events, keyLog, blobJournal)));
  }
}
