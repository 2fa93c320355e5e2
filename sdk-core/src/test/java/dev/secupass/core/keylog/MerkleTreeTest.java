package dev.secupass.core.keylog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.spi.KeyLogNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tree, its proofs and their verification against a naive implementation of RFC 6962's
 * definitions (section 2.1: MTH, PATH, PROOF written as recursions over the leaf list), on every
 * size up to 70 and seeded random leaves; and every proof altered in one place is refused.
 */
class MerkleTreeTest {
  private static final int MAX = 70;

  /** Leaves and the node table the SDK's append would store for them. */
  static final class Tree {
    final List<byte[]> leaves = new ArrayList<>();
    final Map<String, byte[]> nodes = new HashMap<>();

    void add(byte[] leaf) {
      long index = leaves.size();
      leaves.add(leaf);
      for (KeyLogNode node : MerkleTree.completedBy(this::node, index,
          MerkleTree.leafHash(leaf))) {
        nodes.put(node.level() + "/" + node.index(), node.hash());
      }
    }

    byte[] node(int level, long index) {
      byte[] hash = nodes.get(level + "/" + index);
      if (hash == null) {
        throw new IllegalStateException("missing node " + level + "/" + index);
      }
      return hash;
    }
  }

  static Tree randomTree(Random random, int size) {
    Tree tree = new Tree();
    for (int i = 0; i < size; i++) {
      byte[] leaf = new byte[random.nextInt(40)];
      random.nextBytes(leaf);
      tree.add(leaf);
    }
    return tree;
  }

  // --- RFC 6962 section 2.1, literally ---

  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return Hashes.sha256(new byte[0]);
    }
    if (n == 1) {
      return Hashes.sha256(new byte[] {0}, d.get(0));
    }
    int k = Integer.highestOneBit(n - 1);
    return Hashes.sha256(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  @Test
  void roots_proofs_andFrontier_matchTheRfcDefinitions() {
    Random random = new Random(6962);
    Tree tree = randomTree(random, MAX);
    MerkleTree.Frontier frontier = new MerkleTree.Frontier();
    assertThat(frontier.root()).isEqualTo(MerkleTree.emptyRoot()).isEqualTo(mth(List.of()));
    for (int n = 1; n <= MAX; n++) {
      List<byte[]> d = tree.leaves.subList(0, n);
      byte[] root = mth(d);
      frontier.add(MerkleTree.leafHash(d.get(n - 1)));
      assertThat(MerkleTree.root(tree::node, n)).isEqualTo(root);
      assertThat(frontier.root()).isEqualTo(root);
      assertThat(MerkleTree.Frontier.of(tree::node, n).root()).isEqualTo(root);
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = MerkleTree.inclusionProof(tree::node, m, n);
        assertThat(proof).usingElementComparator(Arrays::compare).isEqualTo(path(m, d));
        byte[] leafHash = MerkleTree.leafHash(d.get(m));
        assertThat(MerkleTree.verifyInclusion(leafHash, m, n, proof, root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(leafHash, m, n, proof, mth(d.subList(0, m))))
            .isFalse();
        if (n > 1) {
          assertThat(MerkleTree.verifyInclusion(leafHash, (m + 1) % n, n, proof, root))
              .isFalse();
        }
      }
      for (int m = 1; m < n; m++) {
        List<byte[]> proof = MerkleTree.consistencyProof(tree::node, m, n);
        assertThat(proof).usingElementComparator(Arrays::compare)
            .isEqualTo(subproof(m, d, true));
        byte[] old = mth(tree.leaves.subList(0, m));
        assertThat(MerkleTree.verifyConsistency(m, n, old, root, proof)).isTrue();
        assertThat(MerkleTree.verifyConsistency(m, n, root, old, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(m, n, mth(tree.leaves.subList(0, m - 1)), root,
            proof)).isFalse();
      }
      assertThat(MerkleTree.verifyConsistency(n, n, root, root, List.of())).isTrue();
      assertThat(MerkleTree.verifyConsistency(0, n, MerkleTree.emptyRoot(), root, List.of()))
          .isTrue();
    }
  }

  @Test
  void everyProofAlteredInOnePlace_isRefused() {
    Random random = new Random(9162);
    Tree tree = randomTree(random, 45);
    for (int n = 2; n <= 45; n++) {
      byte[] root = MerkleTree.root(tree::node, n);
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = MerkleTree.inclusionProof(tree::node, m, n);
        byte[] leafHash = MerkleTree.leafHash(tree.leaves.get(m));
        for (List<byte[]> altered : alterations(proof, random)) {
          assertThat(MerkleTree.verifyInclusion(leafHash, m, n, altered, root))
              .as("inclusion %d of %d altered", m, n).isFalse();
        }
      }
      for (int m = 1; m < n; m++) {
        List<byte[]> proof = MerkleTree.consistencyProof(tree::node, m, n);
        byte[] old = MerkleTree.root(tree::node, m);
        for (List<byte[]> altered : alterations(proof, random)) {
          assertThat(MerkleTree.verifyConsistency(m, n, old, root, altered))
              .as("consistency %d to %d altered", m, n).isFalse();
        }
      }
    }
  }

  @Test
  void malformedInput_isRefusedNotThrown() {
    byte[] h = new byte[32];
    assertThat(MerkleTree.verifyInclusion(h, -1, 5, List.of(), h)).isFalse();
    assertThat(MerkleTree.verifyInclusion(h, 5, 5, List.of(), h)).isFalse();
    assertThat(MerkleTree.verifyInclusion(h, 0, 1, List.of(h), h)).isFalse();
    assertThat(MerkleTree.verifyInclusion(h, 0, 1, List.of(), h)).isTrue();
    assertThat(MerkleTree.verifyInclusion(h, 0, 2, List.of(new byte[31]), h)).isFalse();
    assertThat(MerkleTree.verifyConsistency(3, 2, h, h, List.of(h))).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 2, h, h, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 2, h, h, List.of(h))).isFalse();
    assertThat(MerkleTree.verifyConsistency(2, 2, h, h, List.of(h))).isFalse();
    assertThat(MerkleTree.verifyConsistency(Long.MAX_VALUE - 1, Long.MAX_VALUE, h, h,
        List.of(h, h))).isFalse();
  }

  /** Each entry flipped, dropped, duplicated; an entry added; the order reversed. */
  private static List<List<byte[]>> alterations(List<byte[]> proof, Random random) {
    List<List<byte[]>> out = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> flipped = new ArrayList<>(proof);
      byte[] entry = flipped.get(i).clone();
      entry[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
      flipped.set(i, entry);
      out.add(flipped);
      List<byte[]> dropped = new ArrayList<>(proof);
      dropped.remove(i);
      out.add(dropped);
      List<byte[]> doubled = new ArrayList<>(proof);
      doubled.add(i, proof.get(i));
      out.add(doubled);
    }
    List<byte[]> extra = new ArrayList<>(proof);
    extra.add(new byte[32]);
    out.add(extra);
    if (proof.size() > 1 && !Arrays.equals(proof.get(0), proof.get(proof.size() - 1))) {
      List<byte[]> reversed = new ArrayList<>(proof);
      java.util.Collections.reverse(reversed);
      out.add(reversed);
    }
    return out;
  }
}
