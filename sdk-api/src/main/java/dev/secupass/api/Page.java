package dev.secupass.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 *
 * @param items at most the requested number of items, in the listing's order
 * @param nextCursor where the next page starts, or {@code null} when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** The request for the page after this one, if there is one. */
  public Optional<PageRequest> next(int limit) {
    return nextCursor == null ? Optional.empty() : Optional.of(new PageRequest(limit, nextCursor));
  }

  /** Whether more items follow this page. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
