package dev.secupass.core.internal.memory;

import dev.secupass.core.memory.MemoryStorage;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one lock of a {@link MemoryStorage}. Reads share it; a write, and a whole transaction, hold
 * it exclusively, so a transaction is serializable: nobody sees its changes before it returns and
 * nobody changes what it read. While a transaction runs, every write on its thread records into
 * the transaction's journal (it joins the transaction).
 */
public final class StorageLock implements Access {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** The running transaction's journal; only read and written by the write-lock holder. */
  private @Nullable Journal transaction;

  @Override
  public <T> T read(Supplier<T> read) {
    lock.readLock().lock();
    try {
      return read.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <T> T write(Function<Journal, T> write) {
    lock.writeLock().lock();
    try {
      Journal journal = transaction != null ? transaction : new Journal();
      int mark = journal.mark();
      try {
        return write.apply(journal);
      } catch (Throwable failure) {
        journal.rollbackTo(mark);
        throw failure;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Runs {@code work} holding the write lock, as one transaction: if it throws, every change it
   * made is undone. A call on a thread that already runs a transaction joins it.
   */
  public <T> T transaction(Supplier<T> work) {
    lock.writeLock().lock();
    try {
      if (transaction != null) {
        return work.get();
      }
      Journal journal = new Journal();
      transaction = journal;
      try {
        return work.get();
      } catch (Throwable failure) {
        journal.rollbackTo(0);
        throw failure;
      } finally {
        transaction = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether the calling thread runs a transaction. */
  boolean inTransactionOnThisThread() {
    return lock.isWriteLockedByCurrentThread() && transaction != null;
  }
}
