package dev.secupass.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Asks for one page of a listing: at most {@code limit} items after the position a previous page's
 * {@link Page#nextCursor()} returned ({@code cursor == null} for the first page). Cursors are opaque
 * to callers and stable under inserts: paging on while rows are added never repeats or skips a row
 * that existed when the first page was read.
 *
 * @param limit 1 to {@value #MAX_LIMIT}
 * @param cursor where the previous page ended, or {@code null} for the first page
 */
public record PageRequest(int limit, @Nullable String cursor) {
  /** The largest page a store must serve. */
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("page limit must be 1-" + MAX_LIMIT + ", got " + limit);
    }
    if (cursor != null && cursor.isEmpty()) {
      throw new IllegalArgumentException("cursor must be null or non-empty");
    }
  }

  /** The first page of at most {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /** The cursor, if this is not the first page. */
  public Optional<String> after() {
    return Optional.ofNullable(cursor);
  }
}
