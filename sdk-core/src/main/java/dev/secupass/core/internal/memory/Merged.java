package dev.secupass.core.internal.memory;

import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Iterates several ascending sets as one ascending sequence without repeats, lazily: taking the
 * first {@code n} items costs about {@code n log k} for {@code k} sets, whatever their sizes.
 */
final class Merged<V extends Comparable<V>> implements Iterator<V> {
  private final PriorityQueue<Head<V>> heads =
      new PriorityQueue<>((a, b) -> a.value.compareTo(b.value));
  private @Nullable V last;

  Merged(Collection<? extends Iterable<V>> sources) {
    for (Iterable<V> source : sources) {
      advance(source.iterator());
    }
  }

  @Override
  public boolean hasNext() {
    while (!heads.isEmpty() && last != null && heads.peek().value.compareTo(last) == 0) {
      Head<V> duplicate = heads.poll();
      advance(duplicate.rest);
    }
    return !heads.isEmpty();
  }

  @Override
  public V next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Head<V> head = heads.poll();
    advance(head.rest);
    last = head.value;
    return head.value;
  }

  private void advance(Iterator<V> rest) {
    if (rest.hasNext()) {
      heads.add(new Head<>(rest.next(), rest));
    }
  }

  private record Head<V>(V value, Iterator<V> rest) {}
}
