package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks a paged listing to its end, checking each page against the paging rules. */
final class Paging {
  private Paging() {}

  /** Every item of the listing, page by page of at most {@code limit}. */
  static <T> List<T> all(Function<PageRequest, Page<T>> listing, int limit) {
    List<T> items = new ArrayList<>();
    PageRequest request = PageRequest.first(limit);
    for (int pages = 1; ; pages++) {
      Page<T> page = listing.apply(request);
      assertThat(page.items()).as("page %d", pages).hasSizeLessThanOrEqualTo(limit);
      items.addAll(page.items());
      if (!page.hasNext()) {
        return items;
      }
      assertThat(pages).as("pages read without reaching the end").isLessThan(10_000);
      request = page.next(limit).orElseThrow();
    }
  }
}
