package dev.secupass.storage.s3.internal;

import dev.secupass.api.StorageException;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The part buffers of one upload: at most {@code capacity} of at most {@code partSize} bytes each,
 * which is what bounds an upload's memory. {@link #take()} blocks while all of them are in use, so
 * a writer that is faster than the network waits for a part to finish instead of buffering more.
 * The first buffer starts small and grows, so small blobs do not cost a whole part.
 */
final class PartBuffers {
  private static final int INITIAL_SIZE = 64 * 1024;

  private final int partSize;
  private final int capacity;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private int allocated;

  PartBuffers(int partSize, int capacity) {
    this.partSize = partSize;
    this.capacity = capacity;
  }

  /** The first buffer of an upload: small, to be grown with {@link #grow(byte[])}. */
  synchronized byte[] first() {
    allocated++;
    return new byte[Math.min(INITIAL_SIZE, partSize)];
  }

  /** A larger copy of a buffer that is not yet a whole part (at most {@code partSize}). */
  byte[] grow(byte[] buffer) {
    return Arrays.copyOf(buffer, (int) Math.min(partSize, 2L * buffer.length));
  }

  /** A whole-part buffer; blocks while {@code capacity} buffers are in use. */
  synchronized byte[] take() {
    while (free.isEmpty() && allocated >= capacity) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("Interrupted while waiting for a part upload", false, e);
      }
    }
    if (!free.isEmpty()) {
      return free.pop();
    }
    allocated++;
    return new byte[partSize];
  }

  /** Returns a buffer for reuse (or drops it if it is not a whole part). */
  synchronized void give(byte[] buffer) {
    if (buffer.length == partSize) {
      free.push(buffer);
    } else {
      allocated--;
    }
    notifyAll();
  }

  /** Drops the pooled buffers once the upload is over. */
  synchronized void clear() {
    allocated -= free.size();
    free.clear();
  }
}
