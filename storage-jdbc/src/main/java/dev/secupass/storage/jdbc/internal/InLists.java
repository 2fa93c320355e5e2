package dev.secupass.storage.jdbc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The values of a batch read, without repeats, cut into IN-lists short enough for every database
 * (one statement per {@value #MAX} values; a batch of grants needs one).
 */
final class InLists {
  /** The most values one IN-list holds. */
  static final int MAX = 500;

  private InLists() {}

  static <T> List<List<T>> of(Collection<T> values) {
    List<T> distinct = new ArrayList<>(new LinkedHashSet<>(values));
    List<List<T>> lists = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += MAX) {
      lists.add(distinct.subList(from, Math.min(distinct.size(), from + MAX)));
    }
    return lists;
  }
}
