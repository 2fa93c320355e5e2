package dev.secupass.core.testing;

import dev.secupass.api.UserId;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link KeyLogStore} that hands every call on to another one; test stores override the calls
 * they change (a broken log for the kit's teeth). The log itself (leaves, tree nodes, checkpoints)
 * and what the SDK keeps beside it (users' sealed views and seen checkpoints, the sealed
 * checkpoint key) may be handed to two stores: a storage operator's rewritten log shown under the
 * users' own state.
 */
public abstract class ForwardingKeyLogStore implements KeyLogStore {
  /** The store the log's calls go to. */
  protected final KeyLogStore real;
  /** The store the calls of users' state and the checkpoint key go to. */
  protected final KeyLogStore userState;

  protected ForwardingKeyLogStore(KeyLogStore real) {
    this(real, real);
  }

  protected ForwardingKeyLogStore(KeyLogStore log, KeyLogStore userState) {
    this.real = Objects.requireNonNull(log, "log");
    this.userState = Objects.requireNonNull(userState, "userState");
  }

  @Override
  public long size() {
    return real.size();
  }

  @Override
  public void append(KeyLogLeaf leaf, List<KeyLogNode> nodes) {
    real.append(leaf, nodes);
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
  public Map<UserId, List<KeyLogLeaf>> leavesOfAll(Collection<UserId> users) {
    return real.leavesOfAll(users);
  }

  @Override
  public Optional<byte[]> node(int level, long index) {
    return real.node(level, index);
  }

  @Override
  public List<KeyLogNode> nodes(Collection<KeyLogNode.Position> positions) {
    return real.nodes(positions);
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
    return userState.view(user);
  }

  @Override
  public void saveView(UserId user, byte[] sealed) {
    userState.saveView(user, sealed);
  }

  @Override
  public Optional<byte[]> seenCheckpoint(UserId user) {
    return userState.seenCheckpoint(user);
  }

  @Override
  public void saveSeenCheckpoint(UserId user, byte[] statement) {
    userState.saveSeenCheckpoint(user, statement);
  }

  @Override
  public Optional<byte[]> checkpointKey() {
    return userState.checkpointKey();
  }

  @Override
  public byte[] saveCheckpointKeyIfAbsent(byte[] sealed) {
    return userState.saveCheckpointKeyIfAbsent(sealed);
  }
}
