package dev.secupass.core.internal.observe;

import dev.secupass.core.internal.storage.StoreProxy;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
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

/**
 * The host's {@link Storage} with every call measured as {@link Operation#STORAGE}, tagged with
 * the store and the SPI method: one mechanism (a proxy per store) for every method of every store,
 * so a store method added to the SPI is measured without a change here. A transaction is measured
 * whole ({@code store=transaction}, {@code call=inTransaction}), and the calls made in it through
 * the transactional {@code Storage} each on their own. Installed only with an observer.
 */
public final class ObservedStorage implements Storage {
  private final Storage delegate;
  private final SecuPassObserver observer;
  private final KeyStore keys;
  private final DeliveryStore deliveries;
  private final GrantQueue grants;
  private final RoomStore rooms;
  private final GuestStore guests;
  private final EventOutbox events;
  private final AuditLog audit;
  private final KeyLogStore keyLog;
  private final BlobJournal blobJournal;

  private ObservedStorage(Storage delegate, SecuPassObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
    this.keys = measured(KeyStore.class, delegate.keys(), "keys");
    this.deliveries = measured(DeliveryStore.class, delegate.deliveries(), "deliveries");
    this.grants = measured(GrantQueue.class, delegate.grants(), "grants");
    this.rooms = measured(RoomStore.class, delegate.rooms(), "rooms");
    this.guests = measured(GuestStore.class, delegate.guests(), "guests");
    this.events = measured(EventOutbox.class, delegate.events(), "events");
    this.audit = measured(AuditLog.class, delegate.audit(), "audit");
    this.keyLog = measured(KeyLogStore.class, delegate.keyLog(), "key_log");
    this.blobJournal = measured(BlobJournal.class, delegate.blobJournal(), "blob_journal");
  }

  /** {@code storage} measured, or itself with {@link SecuPassObserver#NONE}. */
  public static Storage of(Storage storage, SecuPassObserver observer) {
    return observer == SecuPassObserver.NONE ? storage : new ObservedStorage(storage, observer);
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
    return Run.measure(observer, Operation.STORAGE, run -> {
      run.tag(ObservationTag.STORE, "transaction").tag(ObservationTag.CALL, "inTransaction");
      return delegate.inTransaction(tx -> work.run(
          tx instanceof ObservedStorage ? tx : new ObservedStorage(tx, observer)));
    });
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private <S> S measured(Class<S> type, S store, String name) {
    return StoreProxy.of(type, store, (method, args) -> {
      Object[] result = new Object[1];
      Run.perform(observer, Operation.STORAGE, run -> {
        run.tag(ObservationTag.STORE, name).tag(ObservationTag.CALL, method.getName());
        result[0] = StoreProxy.invoke(store, method, args);
      });
      return result[0];
    });
  }
}
