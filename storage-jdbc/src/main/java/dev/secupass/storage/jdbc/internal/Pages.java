package dev.secupass.storage.jdbc.internal;

import dev.secupass.spi.Page;
import java.util.List;
import java.util.Map;

/** Turns the rows of a keyset query (one more than a page) into a page. */
final class Pages {
  private Pages() {}

  /**
   * A page of at most {@code limit} items from {@code rows}, each keyed by its sequence number;
   * the cursor, if more rows follow, is the last item's sequence.
   */
  static <T> Page<T> bySequence(List<Map.Entry<Long, T>> rows, int limit) {
    boolean more = rows.size() > limit;
    List<Map.Entry<Long, T>> shown = more ? rows.subList(0, limit) : rows;
    return new Page<>(shown.stream().map(Map.Entry::getValue).toList(),
        more ? Cursors.encode(shown.get(shown.size() - 1).getKey()) : null);
  }
}
