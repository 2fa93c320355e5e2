package dev.secupass.core.relay;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the key log with its RFC 9162 inclusion proof in the checkpoint it is served with
 * ({@link ClientKeyLogEntries}).
 *
 * @param index the entry's index in the log
 * @param leaf the entry ({@code docs/format.md}, "Key log leaf")
 * @param inclusion its inclusion proof
 */
public record ClientKeyLogEntry(long index, byte[] leaf, List<byte[]> inclusion) {
  public ClientKeyLogEntry {
    if (index < 0) {
      throw new IllegalArgumentException("a log index is 0 or more");
    }
    leaf = Objects.requireNonNull(leaf, "leaf").clone();
    inclusion = ByteLists.copy(inclusion);
  }

  @Override
  public byte[] leaf() {
    return leaf.clone();
  }

  @Override
  public List<byte[]> inclusion() {
    return ByteLists.copy(inclusion);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientKeyLogEntry e && index == e.index && Arrays.equals(leaf, e.leaf)
        && ByteLists.equal(inclusion, e.inclusion);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index);
  }

  @Override
  public String toString() {
    return "ClientKeyLogEntry[index=" + index + ", inclusion=" + inclusion.size() + "]";
  }
}
