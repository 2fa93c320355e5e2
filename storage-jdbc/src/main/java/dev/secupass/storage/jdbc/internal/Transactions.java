package dev.secupass.storage.jdbc.internal;

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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The transactions of one storage. {@link #run} gives its work one handle, one database
 * transaction, and a {@link Storage} whose stores all run on it. While the work runs, its thread
 * is bound to the transaction: calls it makes through the storage's own stores ({@link
 * #session()}) and nested {@code inTransaction} calls join the transaction, the nested ones under a
 * savepoint, so if nested work throws, its changes are undone and the outer work may carry on.
 * Other threads are not affected.
 */
public final class Transactions {
  private final Jdbi jdbi;
  private final Schema schema;
  @SuppressWarnings("ThreadLocalUsage") // per storage: each JdbcStorage has its own transactions
  private final ThreadLocal<@Nullable Bound> current = new ThreadLocal<>();
  private final Session session;

  public Transactions(Jdbi jdbi, Schema schema) {
    this.jdbi = jdbi;
    this.schema = schema;
    this.session = new ThreadSession(new AutoSession(jdbi));
  }

  /**
   * The session of the storage's own stores: the running transaction's if this thread has one,
   * otherwise a transaction per call.
   */
  public Session session() {
    return session;
  }

  /** Runs {@code work} in a transaction, or joins the one this thread is running. */
  public <T> T run(Storage.TransactionWork<T> work) {
    Bound running = current.get();
    if (running != null) {
      return running.inTransaction(work);
    }
    Handle handle = Handles.open(jdbi, "begin a transaction");
    BoundSession bound = new BoundSession(handle);
    try {
      begin(handle);
      Bound storage = new Bound(bound, Stores.of(bound, schema));
      current.set(storage);
      T result = work.run(storage);
      current.remove();
      bound.end();
      commit(handle);
      return result;
    } catch (RuntimeException | Error e) {
      current.remove();
      bound.end();
      Handles.rollbackQuietly(handle, e);
      throw e;
    } finally {
      Handles.closeQuietly(handle);
    }
  }

  private static void begin(Handle handle) {
    try {
      handle.begin();
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, "begin a transaction");
    }
  }

  private static void commit(Handle handle) {
    try {
      handle.commit();
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, "commit a transaction (if the connection was lost, the"
          + " outcome is unknown: it committed whole or not at all)");
    }
  }

  /** Sends each call to this thread's running transaction, if any, else to its own. */
  private final class ThreadSession implements Session {
    private final AutoSession auto;

    ThreadSession(AutoSession auto) {
      this.auto = auto;
    }

    @Override
    public <T> T read(String what, SqlWork<T> work) {
      Bound running = current.get();
      return running != null ? running.session().read(what, work) : auto.read(what, work);
    }

    @Override
    public <T> T write(String what, SqlWork<T> work) {
      Bound running = current.get();
      return running != null ? running.session().write(what, work) : auto.write(what, work);
    }
  }

  /** The stores bound to a running transaction. */
  private record Bound(BoundSession session, Stores stores) implements Storage {
    @Override
    public KeyStore keys() {
      return stores.keys();
    }

    @Override
    public DeliveryStore deliveries() {
      return stores.deliveries();
    }

    @Override
    public GrantQueue grants() {
      return stores.grants();
    }

    @Override
    public RoomStore rooms() {
      return stores.rooms();
    }

    @Override
    public GuestStore guests() {
      return stores.guests();
    }

    @Override
    public EventOutbox events() {
      return stores.events();
    }

    @Override
    public AuditLog audit() {
      return stores.audit();
    }

    @Override
    public KeyLogStore keyLog() {
      return stores.keyLog();
    }

    @Override
    public BlobJournal blobJournal() {
      return stores.blobJournal();
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
      return session.write("run a nested transaction", h -> work.run(this));
    }

    @Override
    public String toString() {
      return "JdbcStorage[transaction]";
    }
  }
}
