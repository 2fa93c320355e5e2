package dev.secupass.core.vectors;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keylog.Checkpoint;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.MerkleTree;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key log of the vectors that compare checkpoints: seven entries, and a fork of it whose
 * entries from 4 on name other keys for bob (what a split view shows one of two users). Shared by
 * {@code key-log-statement.json}, {@code manifest-v3.json} and {@code membership-entry-v2.json}.
 */
public final class VectorLog {
  public static final String ORIGIN = "example.com/secupass-keys";
  public static final int SIZE = 7;

  private final Map<String, byte[]> nodes = new HashMap<>();
  private final MerkleTree.Nodes view = (level, index) -> nodes.get(level + "/" + index);

  /** The log, or ({@code fork}) its branch. */
  public VectorLog(boolean fork) {
    for (int i = 0; i < SIZE; i++) {
      byte[] bundle = new byte[32];
      Arrays.fill(bundle, (byte) (fork && i >= 4 ? 0xf0 + i : i));
      byte[] leaf = KeyLogEntry.of(i < 4 ? KeyLogEntry.Event.ACTIVATION
              : KeyLogEntry.Event.RESET, UserId.of(i % 2 == 0 ? "alice" : "bob"),
          KeyVersion.of(i < 4 ? 1 : 2), bundle).encode();
      for (var node : MerkleTree.completedBy(view, i, MerkleTree.leafHash(leaf))) {
        nodes.put(node.level() + "/" + node.index(), node.hash());
      }
    }
  }

  public MerkleTree.Nodes nodes() {
    return view;
  }

  public byte[] root(long size) {
    return MerkleTree.root(view, size);
  }

  public Checkpoint checkpoint(long size) {
    return new Checkpoint(ORIGIN, size, root(size));
  }

  /** The consistency proof from the smaller of {@code a} and {@code b} to the larger. */
  public List<byte[]> proof(long a, long b) {
    return MerkleTree.consistencyProof(view, Math.min(a, b), Math.max(a, b));
  }
}
