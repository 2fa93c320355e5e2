package dev.secupass.core.internal.observe;

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
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;

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
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, store, method, args);
      }
      Object[] result = new Object[1];
      Run.perform(observer, Operation.STORAGE, run -> {
        run.tag(ObservationTag.STORE, name).tag(ObservationTag.CALL, method.getName());
        result[0] = invoke(store, method, args);
      });
      return result[0];
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        handler));
  }

  /** Object's methods: identity for equals and hashCode, the store's own toString. */
  private static Object objectMethod(Object proxy, Object store, Method method,
      @Nullable Object @Nullable [] args) {
    switch (method.getName()) {
      case "equals":
        return args != null && args.length == 1 && args[0] == proxy;
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return store.toString();
    }
  }

  /** Calls {@code method} on {@code target}, rethrowing what it threw as it was. */
  static @Nullable Object invoke(Object target, Method method, @Nullable Object @Nullable [] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a store threw a checked exception", cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("a store method is not accessible: " + method.getName(), e);
    }
  }
}
