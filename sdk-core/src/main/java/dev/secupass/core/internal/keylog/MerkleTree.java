package dev.secupass.core.internal.keylog;

import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.spi.KeyLogNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Merkle tree of RFC 9162 (section 2.1, as RFC 6962): SHA-256, leaf hashes {@code
 * H(0x00 || leaf)}, interior nodes {@code H(0x01 || left || right)}, the tree of {@code n} leaves
 * split at the largest power of two below {@code n}. Proofs are made from the hashes of perfect
 * subtrees ({@link Nodes}) and verified with the algorithms of RFC 9162 sections 2.1.3.2 and
 * 2.1.4.2, written from the RFC and checked against known data in the tests.
 */
public final class MerkleTree {
  /** Size of every hash. */
  public static final int HASH_SIZE = 32;
  /** The most proof entries a tree of 2^63 - 1 leaves can need, and more than any real proof. */
  public static final int MAX_PROOF = 2 * 63;

  private MerkleTree() {}

  /** Where the hashes of perfect subtrees come from (a store, a cache). */
  @FunctionalInterface
  public interface Nodes {
    /**
     * The hash of the perfect subtree of {@code 2^level} leaves from leaf {@code index * 2^level}.
     *
     * @throws dev.secupass.api.IntegrityException if it is missing
     */
    byte[] node(int level, long index);
  }

  public static byte[] leafHash(byte[] leaf) {
    MessageDigest digest = Hashes.sha256();
    digest.update((byte) 0x00);
    digest.update(leaf);
    return digest.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest digest = Hashes.sha256();
    digest.update((byte) 0x01);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** The hash of the empty tree, SHA-256 of nothing. */
  public static byte[] emptyRoot() {
    return Hashes.sha256().digest();
  }

  /** The root hash of the first {@code size} leaves. */
  public static byte[] root(Nodes nodes, long size) {
    return size == 0 ? emptyRoot() : subtree(nodes, 0, size);
  }

  /** MTH(D[from:to]) for a range the RFC's recursion reaches ({@code from < to}). */
  static byte[] subtree(Nodes nodes, long from, long to) {
    long n = to - from;
    if (Long.bitCount(n) == 1 && from % n == 0) {
      return nodes.node(Long.numberOfTrailingZeros(n), from / n);
    }
    long k = largestPowerOfTwoBelow(n);
    return nodeHash(subtree(nodes, from, from + k), subtree(nodes, from + k, to));
  }

  /** The audit path of leaf {@code index} in the tree of {@code size} leaves (RFC 6962 2.1.1). */
  public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
    }
    List<byte[]> path = new ArrayList<>();
    path(nodes, index, 0, size, path);
    return path;
  }

  /**
   * Where the nodes are that {@link #inclusionProof} of leaf {@code index} in the tree of {@code
   * size} leaves reads (to read them together beforehand).
   */
  public static Set<KeyLogNode.Position> inclusionPositions(long index, long size) {
    Set<KeyLogNode.Position> positions = new LinkedHashSet<>();
    byte[] any = new byte[32];
    inclusionProof((level, at) -> {
      positions.add(new KeyLogNode.Position(level, at));
      return any;
    }, index, size);
    return positions;
  }

  private static void path(Nodes nodes, long m, long from, long to, List<byte[]> out) {
    long n = to - from;
    if (n <= 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(nodes, m, from, from + k, out);
      out.add(subtree(nodes, from + k, to));
    } else {
      path(nodes, m - k, from + k, to, out);
      out.add(subtree(nodes, from, from + k));
    }
  }

  /** The consistency proof from the tree of {@code first} leaves to that of {@code second}. */
  public static List<byte[]> consistencyProof(Nodes nodes, long first, long second) {
    if (first < 0 || first > second) {
      throw new IllegalArgumentException("no proof from " + first + " to " + second);
    }
    List<byte[]> proof = new ArrayList<>();
    if (first > 0 && first < second) {
      subproof(nodes, first, 0, second, true, proof);
    }
    return proof;
  }

  private static void subproof(Nodes nodes, long m, long from, long to, boolean whole,
      List<byte[]> out) {
    long n = to - from;
    if (m == n) {
      if (!whole) {
        out.add(subtree(nodes, from, to));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(nodes, m, from, from + k, whole, out);
      out.add(subtree(nodes, from + k, to));
    } else {
      subproof(nodes, m - k, from + k, to, false, out);
      out.add(subtree(nodes, from, from + k));
    }
  }

  /**
   * RFC 9162 section 2.1.3.2: whether {@code proof} shows the leaf with hash {@code leafHash} at
   * {@code index} in the tree of {@code size} leaves with root {@code root}.
   */
  public static boolean verifyInclusion(byte[] leafHash, long index, long size,
      List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || proof.size() > MAX_PROOF) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (p.length != HASH_SIZE || sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * RFC 9162 section 2.1.4.2: whether {@code proof} shows the tree of {@code second} leaves with
   * root {@code secondRoot} extends the tree of {@code first} leaves with root {@code firstRoot}.
   * Equal sizes need equal roots and an empty proof; from the empty tree any proof must be empty.
   */
  public static boolean verifyConsistency(long first, long second, byte[] firstRoot,
      byte[] secondRoot, List<byte[]> proof) {
    if (first < 0 || first > second || proof.size() > MAX_PROOF) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (first == 0) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, emptyRoot());
    }
    if (proof.isEmpty()) {
      return false;
    }
    for (byte[] c : proof) {
      if (c.length != HASH_SIZE) {
        return false;
      }
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot)
        && sn == 0;
  }

  /**
   * The perfect subtrees that appending the leaf with hash {@code leafHash} at {@code index}
   * completes, level 0 (the leaf hash itself) first; their left halves come from {@code nodes}.
   */
  public static List<KeyLogNode> completedBy(Nodes nodes, long index, byte[] leafHash) {
    List<KeyLogNode> completed = new ArrayList<>();
    completed.add(new KeyLogNode(0, index, leafHash));
    byte[] hash = leafHash;
    long position = index;
    int level = 0;
    while ((position & 1) == 1) {
      hash = nodeHash(nodes.node(level, position - 1), hash);
      position >>>= 1;
      level++;
      completed.add(new KeyLogNode(level, position, hash));
    }
    return completed;
  }

  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * The right edge of a tree grown leaf by leaf (a compact range from leaf 0): its root at any
   * size without the leaves before. Each element is a perfect subtree, largest first.
   */
  public static final class Frontier {
    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private long size;

    /** The frontier of the first {@code size} leaves, from the tree's perfect subtrees. */
    public static Frontier of(Nodes nodes, long size) {
      Frontier frontier = new Frontier();
      long from = 0;
      for (int level = 62; level >= 0; level--) {
        long span = 1L << level;
        if ((size & span) != 0) {
          frontier.hashes.add(nodes.node(level, from >>> level));
          frontier.levels.add(level);
          from += span;
        }
      }
      frontier.size = size;
      return frontier;
    }

    public long size() {
      return size;
    }

    /** The roots of the perfect subtrees, largest first (RFC 9162's compact range at 0). */
    public List<byte[]> hashes() {
      return hashes.stream().map(byte[]::clone).toList();
    }

    /** Appends the leaf with hash {@code leafHash}. */
    public void add(byte[] leafHash) {
      byte[] hash = leafHash;
      int level = 0;
      while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
        hash = nodeHash(hashes.remove(hashes.size() - 1), hash);
        levels.remove(levels.size() - 1);
        level++;
      }
      hashes.add(hash);
      levels.add(level);
      size++;
    }

    /** The root hash of the leaves added so far. */
    public byte[] root() {
      if (hashes.isEmpty()) {
        return emptyRoot();
      }
      byte[] root = hashes.get(hashes.size() - 1);
      for (int i = hashes.size() - 2; i >= 0; i--) {
        root = nodeHash(hashes.get(i), root);
      }
      return Arrays.copyOf(root, root.length);
    }
  }
}
