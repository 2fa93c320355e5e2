package dev.secupass.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The hash of a perfect subtree of the key log: {@code 2^level} leaves from leaf {@code index *
 * 2^level} on.
 *
 * @param level 0 for a leaf hash, up to 62
 * @param index the subtree's position among those of its level
 * @param hash its 32-byte SHA-256 hash (RFC 9162, section 2.1.1)
 */
public record KeyLogNode(int level, long index, byte[] hash) {

  public KeyLogNode {
    if (level < 0 || level > 62 || index < 0) {
      throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
    }
    hash = Bytes.copy(hash, "hash");
  }

  /** Where a node is: its level and its index among the nodes of that level. */
  public record Position(int level, long index) {
    public Position {
      if (level < 0 || level > 62 || index < 0) {
        throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
      }
    }
  }

  /** Where this node is. */
  public Position position() {
    return new Position(level, index);
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyLogNode n && level == n.level && index == n.index
        && Arrays.equals(hash, n.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, index);
  }

  @Override
  public String toString() {
    return "KeyLogNode[level=" + level + ", index=" + index + "]";
  }
}
