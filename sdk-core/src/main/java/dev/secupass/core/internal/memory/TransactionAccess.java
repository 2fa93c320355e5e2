package dev.secupass.core.internal.memory;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The access of the stores handed to a transaction's work: usable only by the thread running the
 * transaction, and only until the work returns.
 */
public final class TransactionAccess implements Access {
  private final StorageLock lock;
  private volatile boolean open = true;

  public TransactionAccess(StorageLock lock) {
    this.lock = lock;
  }

  @Override
  public <T> T read(Supplier<T> read) {
    checkUsable();
    return lock.read(read);
  }

  @Override
  public <T> T write(Function<Journal, T> write) {
    checkUsable();
    return lock.write(write);
  }

  public void checkUsable() {
    if (!open) {
      throw new IllegalStateException("the transaction's Storage was used after its work returned");
    }
    if (!lock.inTransactionOnThisThread()) {
      throw new IllegalStateException(
          "the transaction's Storage was used from a thread other than the one running the work");
    }
  }

  public void close() {
    open = false;
  }
}
