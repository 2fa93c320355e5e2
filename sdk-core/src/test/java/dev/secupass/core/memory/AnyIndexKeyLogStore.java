package dev.secupass.core.memory;

import dev.secupass.api.UserId;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import java.util.List;
import java.util.Optional;

/**
 * A broken key log: it takes a leaf at whatever index it is offered and puts it at the end,
 * instead of refusing an index that is not the log's size (so racing appends both "win").
 */
final class AnyIndexKeyLogStore implements KeyLogStore {
  private final KeyLogStore real;

  AnyIndexKeyLogStore(KeyLogStore real) {
    this.real = real;
  }

  @Override
  public long size() {
    return real.size();
  }

  @Override
  public synchronized void append(KeyLogLeaf leaf, List<KeyLogNode> nodes) {
    long index = real.size();
    real.append(new KeyLogLeaf(index, leaf.user(), leaf.data()), nodes.stream()
        .map(n -> n.level() == 0 ? new KeyLogNode(0, index, n.hash()) : n).toList());
  }

  @Override
  public List<KeyLogLeaf> leaves(long from, int max) {
    return real.leaves(from, max);
  }

  @Override
  public List<KeyLogLeaf> leavesOf(UserId user) {
    return real.leavesOf(user);
  }

  @Override
  public Optional<byte[]> node(int level, long index) {
    return real.node(level, index);
  }

  @Override
  public void saveCheckpoint(KeyLogCheckpoint checkpoint) {
    real.saveCheckpoint(checkpoint);
  }

  @Override
  public Optional<KeyLogCheckpoint> latestCheckpoint() {
    return real.latestCheckpoint();
  }

  @Override
  public List<KeyLogCheckpoint> checkpoints(long fromSize, int max) {
    return real.checkpoints(fromSize, max);
  }

  @Override
  public Optional<byte[]> view(UserId user) {
    return real.view(user);
  }

  @Override
  public void saveView(UserId user, byte[] sealed) {
    real.saveView(user, sealed);
  }

  @Override
  public Optional<byte[]> seenCheckpoint(UserId user) {
    return real.seenCheckpoint(user);
  }

  @Override
  public void saveSeenCheckpoint(UserId user, byte[] statement) {
    real.saveSeenCheckpoint(user, statement);
  }

  @Override
  public Optional<byte[]> checkpointKey() {
    return real.checkpointKey();
  }

  @Override
  public byte[] saveCheckpointKeyIfAbsent(byte[] sealed) {
    return real.saveCheckpointKeyIfAbsent(sealed);
  }
}
