package dev.secupass.core.relay;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Copies and compares the lists of hashes (proofs) the relay's records hold. */
final class ByteLists {
  private ByteLists() {}

  /** A deep, unmodifiable copy. */
  static List<byte[]> copy(List<byte[]> hashes) {
    return hashes.stream().map(byte[]::clone).toList();
  }

  /** Whether the two hold the same bytes in the same order. */
  static boolean equal(List<byte[]> a, List<byte[]> b) {
    return a.size() == b.size()
        && IntStream.range(0, a.size()).allMatch(i -> Arrays.equals(a.get(i), b.get(i)));
  }
}
