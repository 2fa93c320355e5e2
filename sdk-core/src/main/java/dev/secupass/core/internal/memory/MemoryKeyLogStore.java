package dev.secupass.core.internal.memory;

import dev.secupass.api.ConflictException;
import dev.secupass.api.UserId;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The in-memory {@link KeyLogStore}. */
public final class MemoryKeyLogStore implements KeyLogStore {
  private static final String KEY = "checkpoint-key";

  private final Access access;
  private final Data data;

  private static final class Data {
    final List<KeyLogLeaf> leaves = new ArrayList<>();
    final Map<UserId, List<KeyLogLeaf>> byUser = new HashMap<>();
    final Map<Long, byte[]> nodes = new HashMap<>();
    final TreeMap<Long, KeyLogCheckpoint> checkpoints = new TreeMap<>();
    final Map<UserId, byte[]> views = new HashMap<>();
    final Map<UserId, byte[]> seen = new HashMap<>();
    final Map<String, byte[]> key = new HashMap<>();
  }

  public MemoryKeyLogStore(Access access) {
    this(access, new Data());
  }

  private MemoryKeyLogStore(Access access, Data data) {
    this.access = access;
    this.data = data;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryKeyLogStore bind(Access other) {
    return new MemoryKeyLogStore(other, data);
  }

  @Override
  public long size() {
    return access.read(() -> (long) data.leaves.size());
  }

  @Override
  public void append(KeyLogLeaf leaf, List<KeyLogNode> nodes) {
    List<KeyLogNode> copy = List.copyOf(nodes);
    access.write(journal -> {
      if (leaf.index() != data.leaves.size()) {
        throw new ConflictException("the key log has " + data.leaves.size()
            + " entries, not " + leaf.index());
      }
      journal.append(data.leaves, leaf);
      journal.append(data.byUser.computeIfAbsent(leaf.user(), u -> new ArrayList<>()), leaf);
      for (KeyLogNode node : copy) {
        journal.put(data.nodes, nodeKey(node.level(), node.index()), node.hash());
      }
      return null;
    });
  }

  @Override
  public List<KeyLogLeaf> leaves(long from, int max) {
    return access.read(() -> {
      int size = data.leaves.size();
      int start = (int) Math.min(Math.max(from, 0), size);
      int end = (int) Math.min((long) start + Math.max(max, 0), size);
      return List.copyOf(data.leaves.subList(start, end));
    });
  }

  @Override
  public List<KeyLogLeaf> leavesOf(UserId user) {
    return access.read(() -> List.copyOf(data.byUser.getOrDefault(user, List.of())));
  }

  @Override
  public Optional<byte[]> node(int level, long index) {
    return access.read(() -> Optional.ofNullable(data.nodes.get(nodeKey(level, index)))
        .map(byte[]::clone));
  }

  @Override
  public void saveCheckpoint(KeyLogCheckpoint checkpoint) {
    access.write(journal -> journal.put(data.checkpoints, checkpoint.size(), checkpoint));
  }

  @Override
  public Optional<KeyLogCheckpoint> latestCheckpoint() {
    return access.read(() -> Optional.ofNullable(data.checkpoints.lastEntry())
        .map(Map.Entry::getValue));
  }

  @Override
  public List<KeyLogCheckpoint> checkpoints(long fromSize, int max) {
    return access.read(() -> data.checkpoints.tailMap(fromSize, true).values().stream()
        .limit(Math.max(max, 0)).toList());
  }

  @Override
  public Optional<byte[]> view(UserId user) {
    return access.read(() -> Optional.ofNullable(data.views.get(user)).map(byte[]::clone));
  }

  @Override
  public void saveView(UserId user, byte[] sealed) {
    byte[] copy = sealed.clone();
    access.write(journal -> journal.put(data.views, user, copy));
  }

  @Override
  public Optional<byte[]> seenCheckpoint(UserId user) {
    return access.read(() -> Optional.ofNullable(data.seen.get(user)).map(byte[]::clone));
  }

  @Override
  public void saveSeenCheckpoint(UserId user, byte[] statement) {
    byte[] copy = statement.clone();
    access.write(journal -> journal.put(data.seen, user, copy));
  }

  @Override
  public Optional<byte[]> checkpointKey() {
    return access.read(() -> Optional.ofNullable(data.key.get(KEY)).map(byte[]::clone));
  }

  @Override
  public byte[] saveCheckpointKeyIfAbsent(byte[] sealed) {
    byte[] copy = sealed.clone();
    return access.write(journal -> {
      byte[] existing = data.key.get(KEY);
      if (existing != null) {
        return existing.clone();
      }
      journal.put(data.key, KEY, copy);
      return copy.clone();
    });
  }

  /** Levels fit in 6 bits; indexes below 2^57 (far beyond any log this holds). */
  private static long nodeKey(int level, long index) {
    return ((long) level << 57) | index;
  }
}
