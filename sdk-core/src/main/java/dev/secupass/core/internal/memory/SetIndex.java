package dev.secupass.core.internal.memory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A secondary index: for each key, the sorted set of values filed under it (for example, for each
 * recipient, the keys of their deliveries by creation time). Changes are recorded in a journal.
 */
final class SetIndex<K, V extends Comparable<V>> {
  private final Map<K, NavigableSet<V>> sets = new HashMap<>();

  /** The values filed under {@code key}, ascending; empty if none. A live, read-only view. */
  NavigableSet<V> get(K key) {
    NavigableSet<V> set = sets.get(key);
    return set == null
        ? Collections.emptyNavigableSet()
        : Collections.unmodifiableNavigableSet(set);
  }

  void add(Journal journal, K key, V value) {
    if (addRaw(key, value)) {
      journal.onUndo(() -> removeRaw(key, value));
    }
  }

  void remove(Journal journal, K key, V value) {
    if (removeRaw(key, value)) {
      journal.onUndo(() -> addRaw(key, value));
    }
  }

  private boolean addRaw(K key, V value) {
    return sets.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
  }

  private boolean removeRaw(K key, V value) {
    NavigableSet<V> set = sets.get(key);
    if (set == null || !set.remove(value)) {
      return false;
    }
    if (set.isEmpty()) {
      sets.remove(key);
    }
    return true;
  }
}
