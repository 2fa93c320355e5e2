package dev.secupass.benchmarks.keylog;

import dev.secupass.api.ConflictException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link KeyLogStore} that starts with {@code entries} generated key versions of {@code users}
 * users ({@code user-<k>}: entry {@code i} is key version {@code i / users + 1} of user {@code i %
 * users}, an activation or a reset, committing to a bundle hash derived from {@code i}), and takes
 * real appends after them. Every node of the generated tree is held in flat arrays, one per level
 * (640 MB at ten million entries), so reading one costs a copy, as from a database's cache.
 * Not transactional; for one benchmark thread.
 */
final class SyntheticKeyLog implements KeyLogStore {
  /** Levels below this are recomputed on demand (none: all are held, as a database holds them). */
  private static final int STORED_FROM = 0;

  private final long entries;
  private final int users;
  /** levels[l] holds the hashes of the complete subtrees of 2^l generated leaves, back to back. */
  private final byte[][] levels = new byte[64][];
  private final long[] counts = new long[64];
  private final List<KeyLogLeaf> appended = new ArrayList<>();
  private final Map<Long, byte[]> appendedNodes = new HashMap<>();
  private final TreeMap<Long, KeyLogCheckpoint> checkpoints = new TreeMap<>();
  private final Map<UserId, byte[]> views = new HashMap<>();
  private final Map<UserId, byte[]> seen = new HashMap<>();
  private byte @org.jspecify.annotations.Nullable [] sealedKey;
  /** Store calls that a database answers with one query each (nodes, leaves, checkpoints). */
  private long reads;

  SyntheticKeyLog(long entries, int users) {
    if (entries % (1L << STORED_FROM) != 0) {
      throw new IllegalArgumentException("entries must be a multiple of " + (1 << STORED_FROM));
    }
    this.entries = entries;
    this.users = users;
    build();
  }

  /** The generated leaf at {@code index} (below {@code entries}). */
  byte[] leaf(long index) {
    int version = (int) (index / users) + 1;
    byte[] bundleHash = ByteBuffer.allocate(32).putLong(index).putLong(~index).putLong(index * 31)
        .putLong(index ^ 0x5ec0_9a55L).array();
    return new KeyLogEntry(version == 1 ? KeyLogEntry.Event.ACTIVATION : KeyLogEntry.Event.RESET,
        user(index), KeyVersion.of(version), bundleHash).encode();
  }

  private UserId user(long index) {
    return UserId.of("user-" + (index % users));
  }

  private void build() {
    long blocks = entries >> STORED_FROM;
    levels[STORED_FROM] = new byte[Math.toIntExact(blocks * 32)];
    counts[STORED_FROM] = blocks;
    for (long b = 0; b < blocks; b++) {
      System.arraycopy(computed(STORED_FROM, b), 0, levels[STORED_FROM], (int) (b * 32), 32);
    }
    for (int level = STORED_FROM + 1; counts[level - 1] >= 2; level++) {
      long count = counts[level - 1] / 2;
      byte[] below = levels[level - 1];
      byte[] here = new byte[Math.toIntExact(count * 32)];
      byte[] left = new byte[32];
      byte[] right = new byte[32];
      for (long j = 0; j < count; j++) {
        System.arraycopy(below, (int) (2 * j * 32), left, 0, 32);
        System.arraycopy(below, (int) ((2 * j + 1) * 32), right, 0, 32);
        System.arraycopy(MerkleTree.nodeHash(left, right), 0, here, (int) (j * 32), 32);
      }
      levels[level] = here;
      counts[level] = count;
    }
  }

  /** The hash of the subtree of 2^level generated leaves from {@code index * 2^level}. */
  private byte[] computed(int level, long index) {
    if (level == 0) {
      return MerkleTree.leafHash(leaf(index));
    }
    return MerkleTree.nodeHash(computed(level - 1, 2 * index), computed(level - 1, 2 * index + 1));
  }

  /** Store calls so far that a database answers with one query each. */
  long reads() {
    return reads;
  }

  /** Bytes held for the generated tree. */
  long heldBytes() {
    long total = 0;
    for (byte[] level : levels) {
      total += level == null ? 0 : level.length;
    }
    return total;
  }

  @Override
  public long size() {
    return entries + appended.size();
  }

  @Override
  public void append(KeyLogLeaf leaf, List<KeyLogNode> nodes) {
    if (leaf.index() != size()) {
      throw new ConflictException("the key log has " + size() + " entries");
    }
    appended.add(leaf);
    for (KeyLogNode node : nodes) {
      appendedNodes.put(key(node.level(), node.index()), node.hash());
    }
  }

  @Override
  public List<KeyLogLeaf> leaves(long from, int max) {
    reads++;
    List<KeyLogLeaf> out = new ArrayList<>();
    for (long i = from; i < size() && out.size() < max; i++) {
      out.add(i < entries ? new KeyLogLeaf(i, user(i), leaf(i))
          : appended.get((int) (i - entries)));
    }
    return out;
  }

  @Override
  public List<KeyLogLeaf> leavesOf(UserId user) {
    reads++;
    List<KeyLogLeaf> out = new ArrayList<>();
    String id = user.value();
    if (id.startsWith("user-")) {
      long k = Long.parseLong(id.substring(5));
      for (long i = k; i < entries; i += users) {
        out.add(new KeyLogLeaf(i, user, leaf(i)));
      }
    }
    for (KeyLogLeaf leaf : appended) {
      if (leaf.user().equals(user)) {
        out.add(leaf);
      }
    }
    return out;
  }

  @Override
  public Optional<byte[]> node(int level, long index) {
    reads++;
    if (level >= STORED_FROM && index < counts[level]) {
      byte[] hash = new byte[32];
      System.arraycopy(levels[level], (int) (index * 32), hash, 0, 32);
      return Optional.of(hash);
    }
    if (level < STORED_FROM && (index + 1) << level <= entries) {
      return Optional.of(computed(level, index));
    }
    return Optional.ofNullable(appendedNodes.get(key(level, index))).map(byte[]::clone);
  }

  private static long key(int level, long index) {
    return ((long) level << 57) | index;
  }

  @Override
  public void saveCheckpoint(KeyLogCheckpoint checkpoint) {
    checkpoints.put(checkpoint.size(), checkpoint);
  }

  @Override
  public Optional<KeyLogCheckpoint> latestCheckpoint() {
    reads++;
    return checkpoints.isEmpty() ? Optional.empty()
        : Optional.of(checkpoints.lastEntry().getValue());
  }

  @Override
  public List<KeyLogCheckpoint> checkpoints(long fromSize, int max) {
    return checkpoints.tailMap(fromSize, true).values().stream().limit(max).toList();
  }

  @Override
  public Optional<byte[]> view(UserId user) {
    reads++;
    return Optional.ofNullable(views.get(user)).map(byte[]::clone);
  }

  @Override
  public void saveView(UserId user, byte[] sealed) {
    views.put(user, sealed.clone());
  }

  @Override
  public Optional<byte[]> seenCheckpoint(UserId user) {
    reads++;
    return Optional.ofNullable(seen.get(user)).map(byte[]::clone);
  }

  @Override
  public void saveSeenCheckpoint(UserId user, byte[] statement) {
    seen.put(user, statement.clone());
  }

  @Override
  public Optional<byte[]> checkpointKey() {
    return Optional.ofNullable(sealedKey).map(byte[]::clone);
  }

  @Override
  public byte[] saveCheckpointKeyIfAbsent(byte[] sealed) {
    if (sealedKey == null) {
      sealedKey = sealed.clone();
    }
    return sealedKey.clone();
  }
}
