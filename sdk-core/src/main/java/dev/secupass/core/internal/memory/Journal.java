package dev.secupass.core.internal.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The undo log of one write or one transaction. Every change to the stores' maps goes through it
 * and records its inverse; {@link #rollbackTo} replays the inverses newest first. Used only while the
 * storage's write lock is held.
 */
final class Journal {
  private final List<Runnable> undo = new ArrayList<>();

  /** A position to roll back to. */
  int mark() {
    return undo.size();
  }

  /** Undoes every change recorded after {@code mark}, newest first. */
  void rollbackTo(int mark) {
    for (int i = undo.size() - 1; i >= mark; i--) {
      undo.remove(i).run();
    }
  }

  /** Records an arbitrary inverse action. */
  void onUndo(Runnable inverse) {
    undo.add(inverse);
  }

  /** {@code map.put(key, value)}, undoable. */
  <K, V> @Nullable V put(Map<K, V> map, K key, V value) {
    V old = map.put(key, value);
    onUndo(() -> restore(map, key, old));
    return old;
  }

  /** {@code map.remove(key)}, undoable. */
  <K, V> @Nullable V remove(Map<K, V> map, K key) {
    V old = map.remove(key);
    if (old != null) {
      onUndo(() -> map.put(key, old));
    }
    return old;
  }

  /** {@code list.add(element)} at the end, undoable. */
  <E> void append(List<E> list, E element) {
    list.add(element);
    onUndo(() -> list.remove(list.size() - 1));
  }

  private static <K, V> void restore(Map<K, V> map, K key, @Nullable V old) {
    if (old == null) {
      map.remove(key);
    } else {
      map.put(key, old);
    }
  }
}
