package dev.secupass.core.internal.memory;

import dev.secupass.api.Page;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds a {@link Page} from an iterator positioned after the request's cursor. */
final class Pages {
  private Pages() {}

  /**
   * Takes up to {@code limit} items; the page has a cursor only if another item follows.
   *
   * @param items the listing from the first item the page may hold, in order
   * @param cursorOf the cursor that resumes after an item
   */
  static <S, T> Page<T> of(
      Iterator<S> items, int limit, Function<S, T> item, Function<S, String> cursorOf) {
    List<T> page = new ArrayList<>(Math.min(limit, 64));
    @Nullable S last = null;
    while (page.size() < limit && items.hasNext()) {
      last = items.next();
      page.add(item.apply(last));
    }
    return new Page<>(page, last != null && items.hasNext() ? cursorOf.apply(last) : null);
  }

  /** Checks a list limit ("1 or more"). */
  static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
  }
}
