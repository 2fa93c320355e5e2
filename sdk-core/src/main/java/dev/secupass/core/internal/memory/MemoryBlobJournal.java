package dev.secupass.core.internal.memory;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.JournalEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The in-memory {@link BlobJournal}: entries by blob, and by begin time for the sweep. The
 * storage's lock makes {@link #forget} and {@link #claim} exclude each other.
 */
public final class MemoryBlobJournal implements BlobJournal {
  private final Access access;
  private final State state;

  public MemoryBlobJournal(Access access) {
    this(access, new State());
  }

  private MemoryBlobJournal(Access access, State state) {
    this.access = access;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryBlobJournal bind(Access other) {
    return new MemoryBlobJournal(other, state);
  }

  @Override
  public void begin(BlobId blob, Instant at) {
    access.write(journal -> {
      if (state.entries.containsKey(blob)) {
        throw new ConflictException("the upload journal already has blob " + blob);
      }
      journal.put(state.entries, blob, new JournalEntry(blob, at, false));
      journal.put(state.byTime, new TimeKey<>(at, blob), blob);
      return null;
    });
  }

  @Override
  public boolean forget(BlobId blob) {
    return access.write(journal -> {
      JournalEntry entry = state.entries.get(blob);
      if (entry == null || entry.claimed()) {
        return false;
      }
      drop(journal, entry);
      return true;
    });
  }

  @Override
  public List<JournalEntry> stale(Instant before, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
    return access.read(() -> {
      List<JournalEntry> stale = new ArrayList<>();
      for (BlobId blob : state.byTime.values()) {
        JournalEntry entry = state.entries.get(blob);
        if (stale.size() == limit || entry == null || !entry.begunAt().isBefore(before)) {
          break;
        }
        stale.add(entry);
      }
      return stale;
    });
  }

  @Override
  public boolean claim(BlobId blob) {
    return access.write(journal -> {
      JournalEntry entry = state.entries.get(blob);
      if (entry == null) {
        return false;
      }
      if (!entry.claimed()) {
        journal.put(state.entries, blob, new JournalEntry(blob, entry.begunAt(), true));
      }
      return true;
    });
  }

  @Override
  public void remove(BlobId blob) {
    access.write(journal -> {
      JournalEntry entry = state.entries.get(blob);
      if (entry != null) {
        drop(journal, entry);
      }
      return null;
    });
  }

  private void drop(Journal journal, JournalEntry entry) {
    journal.remove(state.entries, entry.blob());
    journal.remove(state.byTime, new TimeKey<>(entry.begunAt(), entry.blob()));
  }

  private static final class State {
    final Map<BlobId, JournalEntry> entries = new HashMap<>();
    final NavigableMap<TimeKey<BlobId>, BlobId> byTime = new TreeMap<>();
  }
}
