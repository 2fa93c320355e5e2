package dev.secupass.storage.s3.internal;

import dev.secupass.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte queue from a blob's writer to the thread that sends it: the writer blocks while
 * the ring is full, the sender while it is empty, so a streamed upload holds {@code capacity}
 * bytes whatever the blob's size.
 *
 * <p>The writer ends the stream with {@link #end()} or breaks it with {@link #abort()} (the
 * sender's next read throws). A sender that waits {@link #IDLE_LIMIT} for bytes gives up (its
 * read throws), so that an output its writer dropped without closing does not hold a thread and
 * a connection for ever. The sender's side calls {@link #stop()} when it will read no more
 * (its request is over); the writer's next {@link #write} then returns {@code false}.
 */
final class BytePipe {
  /** How long the sender waits for bytes before it gives the request up. */
  static final Duration IDLE_LIMIT = Duration.ofMinutes(2);

  private final byte[] ring;
  private final long idleNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private int head;
  private int count;
  private long consumed;
  private boolean ended;
  private boolean aborted;
  private boolean stopped;

  BytePipe(int capacity) {
    this(capacity, IDLE_LIMIT);
  }

  /** A pipe whose sender gives up after {@code idleLimit} without bytes. */
  BytePipe(int capacity, Duration idleLimit) {
    this.ring = new byte[capacity];
    this.idleNanos = idleLimit.toNanos();
  }

  /**
   * Queues {@code len} bytes, waiting for room as needed.
   *
   * @return {@code false} if the sender stopped reading; the bytes are then dropped
   * @throws StorageException if the writing thread is interrupted
   */
  boolean write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    lock.lock();
    try {
      while (len > 0) {
        while (count == ring.length && !stopped) {
          awaitRoom();
        }
        if (stopped) {
          return false;
        }
        int tail = (head + count) % ring.length;
        int n = Math.min(len, Math.min(ring.length - count, ring.length - tail));
        System.arraycopy(b, off, ring, tail, n);
        count += n;
        off += n;
        len -= n;
        readable.signal();
      }
      return !stopped;
    } finally {
      lock.unlock();
    }
  }

  /** No more bytes: the sender reads the rest, then the end of the stream. */
  void end() {
    signalAll(() -> ended = true);
  }

  /** Breaks the stream: the sender's next read throws instead of returning bytes or the end. */
  void abort() {
    signalAll(() -> aborted = true);
  }

  /** The sender reads no more; a waiting or later {@link #write} returns {@code false}. */
  void stop() {
    signalAll(() -> stopped = true);
  }

  /** Whether the sender may start reading from the beginning: nothing read, nothing aborted. */
  boolean unread() {
    lock.lock();
    try {
      return consumed == 0 && !aborted;
    } finally {
      lock.unlock();
    }
  }

  /** The sender's side. Closing it does nothing: {@link #stop()} ends the sending. */
  InputStream source() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
          return 0;
        }
        lock.lock();
        try {
          long left = idleNanos;
          while (count == 0 && !ended && !aborted) {
            if (left <= 0) {
              throw new IOException("no bytes of the blob were written for "
                  + idleNanos / 1_000_000_000 + " s; the request is given up");
            }
            try {
              left = readable.awaitNanos(left);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new InterruptedIOException("interrupted while waiting for blob bytes");
            }
          }
          if (aborted) {
            throw new IOException("the write of the blob was aborted");
          }
          if (count == 0) {
            return -1;
          }
          int n = Math.min(len, Math.min(count, ring.length - head));
          System.arraycopy(ring, head, b, off, n);
          head = (head + n) % ring.length;
          count -= n;
          consumed += n;
          writable.signal();
          return n;
        } finally {
          lock.unlock();
        }
      }

      @Override
      public int available() {
        lock.lock();
        try {
          return count;
        } finally {
          lock.unlock();
        }
      }
    };
  }

  @SuppressWarnings("WaitNotInLoop") // write() calls it in a loop that re-checks for room
  private void awaitRoom() {
    try {
      writable.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while waiting to send blob bytes", false, e);
    }
  }

  private void signalAll(Runnable change) {
    lock.lock();
    try {
      change.run();
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
