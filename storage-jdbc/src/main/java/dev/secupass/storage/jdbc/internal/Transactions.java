package dev.secupass.storage.jdbc.internal;

import dev.secupass.spi.AuditLog;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link Storage#inTransaction}: one handle, one database transaction, and a {@link Storage} whose
 * stores all run on it. A nested {@code inTransaction} joins the transaction under a savepoint, so
 * if the nested work throws, its changes are undone and the outer work may carry on.
 */
public final class Transactions {
  private Transactions() {}

  public static <T> T run(Jdbi jdbi, Schema schema, Storage.TransactionWork<T> work) {
    Handle handle = Handles.open(jdbi, "begin a transaction");
    BoundSession session = new BoundSession(handle);
    try {
      begin(handle);
      T result = work.run(new Bound(session, Stores.of(session, schema)));
      session.end();
      commit(handle);
      return result;
    } catch (RuntimeException | Error e) {
      session.end();
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
    public <T> T inTransaction(TransactionWork<T> work) {
      return session.write("run a nested transaction", h -> work.run(this));
    }
  }
}
