package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import dev.secupass.core.testing.ForwardingStorage;
import dev.secupass.spi.Storage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory storage seen through a storage operator's hands: room data can be rewritten on its
 * way out ({@link Views}), and a test can run something just before the next transaction starts
 * (to line up concurrent changes, or to change the room under an upload).
 */
final class OperatorStorage extends ForwardingStorage {
  private final Views views;
  private final AtomicReference<Runnable> beforeTransaction;
  private volatile Runnable everyTransaction = () -> { };

  /** What the operator rewrites; all unchanged until a test sets them. */
  static final class Views {
    volatile UnaryOperator<List<MembershipEntry>> log = UnaryOperator.identity();
    volatile UnaryOperator<List<RoomMember>> members = UnaryOperator.identity();
    volatile UnaryOperator<Room> room = UnaryOperator.identity();
    volatile UnaryOperator<RoomEntry> entry = UnaryOperator.identity();
    /** How often each room store method was called, by name. */
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** What a folder's listing ({@code null}: the top) hands out, after {@link #entry}. */
    volatile BiFunction<@Nullable FileId, List<RoomEntry>, List<RoomEntry>> folderListing =
        (folder, listed) -> listed;
    /** Key rows the operator planted, served beside (or instead of) the real ones. */
    final Map<OperatorKeyStore.Row, KeyRecord> keyRows = new ConcurrentHashMap<>();
  }

  OperatorStorage(Storage real) {
    this(real, new Views(), new AtomicReference<>());
  }

  private OperatorStorage(Storage real, Views views, AtomicReference<Runnable> before) {
    super(real);
    this.views = views;
    this.beforeTransaction = before;
  }

  Views views() {
    return views;
  }

  /** The unaltered stores, for writing what an operator writes. */
  Storage real() {
    return real;
  }

  /** Runs {@code hook} once, at the start of the next top-level transaction. */
  void beforeNextTransaction(Runnable hook) {
    beforeTransaction.set(hook);
  }

  /** Runs {@code hook} at the start of every top-level transaction from now on. */
  void beforeEveryTransaction(Runnable hook) {
    everyTransaction = hook;
  }

  @Override
  public KeyStore keys() {
    return new OperatorKeyStore(real.keys(), views.keyRows);
  }

  @Override
  public RoomStore rooms() {
    return new OperatorRoomStore(real.rooms(), views);
  }

  @Override
  public dev.secupass.spi.BlobJournal blobJournal() {
    return real.blobJournal();
  }

  @Override
  protected Storage over(Storage tx) {
    return new OperatorStorage(tx, views, new AtomicReference<>());
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    everyTransaction.run();
    Runnable hook = beforeTransaction.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    return super.inTransaction(work);
  }

  @Override
  public String toString() {
    return "OperatorStorage[" + real + "]";
  }
}
