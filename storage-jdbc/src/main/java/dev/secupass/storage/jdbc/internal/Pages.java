package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.Page;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the rows of a keyset query into a page. The query asks for one row more than the page
 * holds: if it comes back, there is a next page, which starts after the page's last row.
 */
final class Pages {
  private Pages() {}

  /**
   * @param rows at most {@code limit + 1} rows, in the listing's order
   * @param item the item a row holds
   * @param cursor the cursor that points just after a row
   */
  static <R, T> Page<T> of(
      List<R> rows, int limit, Function<R, T> item, Function<R, String> cursor) {
    boolean more = rows.size() > limit;
    List<R> shown = more ? rows.subList(0, limit) : rows;
    return new Page<>(shown.stream().map(item).toList(),
        more ? cursor.apply(shown.get(shown.size() - 1)) : null);
  }
}
