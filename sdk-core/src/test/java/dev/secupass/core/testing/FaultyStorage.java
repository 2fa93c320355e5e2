package dev.secupass.core.testing;

import dev.secupass.spi.AuditLog;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A real storage (usually a {@code MemoryStorage}) with faults injected on chosen store methods,
 * named {@code "store.method"} ({@code "deliveries.putEnvelope"}, {@code "grants.complete"}), also
 * inside transactions. Stands for a backend that fails, or a process that dies (throw an {@link
 * Error} such as {@link SimulatedCrash}), at a precise step; or with results rewritten, for a storage
 * operator who changes what the database returns. Calls are counted too.
 */
public final class FaultyStorage implements Storage {
  private final Storage real;
  private final Faults faults;

  public FaultyStorage(Storage real) {
    this(real, new Faults());
  }

  private FaultyStorage(Storage real, Faults faults) {
    this.real = real;
    this.faults = faults;
  }

  /** The faults and call counts, shared with the transactional views. */
  public Faults faults() {
    return faults;
  }

  /** Which calls fail, and how often each method was called. */
  public static final class Faults {
    private final Map<String, Supplier<? extends Throwable>> next = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, UnaryOperator<Object>> rewrites = new ConcurrentHashMap<>();

    /** The next call of {@code method} throws what {@code fault} makes. */
    public void failNext(String method, Supplier<? extends Throwable> fault) {
      next.put(method, fault);
    }

    /** Every result of {@code method} from now on passes through {@code rewrite}. */
    @SuppressWarnings("unchecked")
    public <T> void rewrite(String method, UnaryOperator<T> rewrite) {
      rewrites.put(method, result -> rewrite.apply((T) result));
    }

    /** How often {@code method} was called (including failed calls). */
    public int calls(String method) {
      return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    void before(String method) throws Throwable {
      calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
      Supplier<? extends Throwable> fault = next.remove(method);
      if (fault != null) {
        throw fault.get();
      }
    }

    Object after(String method, Object result) {
      UnaryOperator<Object> rewrite = rewrites.get(method);
      return rewrite == null ? result : rewrite.apply(result);
    }
  }

  /** An error that stands for the process dying at this point: nothing after it runs. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    public SimulatedCrash() {
      super("simulated crash");
    }
  }

  @Override
  public KeyStore keys() {
    return proxy(KeyStore.class, real.keys(), "keys");
  }

  @Override
  public DeliveryStore deliveries() {
    return proxy(DeliveryStore.class, real.deliveries(), "deliveries");
  }

  @Override
  public GrantQueue grants() {
    return proxy(GrantQueue.class, real.grants(), "grants");
  }

  @Override
  public RoomStore rooms() {
    return proxy(RoomStore.class, real.rooms(), "rooms");
  }

  @Override
  public GuestStore guests() {
    return proxy(GuestStore.class, real.guests(), "guests");
  }

  @Override
  public EventOutbox events() {
    return proxy(EventOutbox.class, real.events(), "events");
  }

  @Override
  public AuditLog audit() {
    return proxy(AuditLog.class, real.audit(), "audit");
  }

  @Override
  public KeyLogStore keyLog() {
    return proxy(KeyLogStore.class, real.keyLog(), "keyLog");
  }

  @Override
  public dev.secupass.spi.BlobJournal blobJournal() {
    return proxy(dev.secupass.spi.BlobJournal.class, real.blobJournal(), "blobJournal");
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return real.inTransaction(tx -> work.run(new FaultyStorage(tx, faults)));
  }

  private <S> S proxy(Class<S> type, S target, String name) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
          }
          String qualified = name + "." + method.getName();
          faults.before(qualified);
          try {
            return faults.after(qualified, method.invoke(target, args));
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }
}
