package dev.secupass.storage.s3.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per object key while commits of it are in progress in this store, so that writers of
 * one id in this process commit one after the other. Across processes the server's conditional
 * write ({@code If-None-Match: *}) decides; this covers servers that check it non-atomically
 * (S3Proxy's filesystem backends) or not at all on multipart completion.
 */
final class CommitLocks {
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  private final Map<String, Entry> entries = new HashMap<>();

  /** Runs {@code commit} holding the lock of {@code key}. */
  void run(String key, Runnable commit) {
    Entry entry;
    synchronized (entries) {
      entry = entries.computeIfAbsent(key, k -> new Entry());
      entry.users++;
    }
    entry.lock.lock();
    try {
      commit.run();
    } finally {
      entry.lock.unlock();
      synchronized (entries) {
        if (--entry.users == 0) {
          entries.remove(key);
        }
      }
    }
  }
}
