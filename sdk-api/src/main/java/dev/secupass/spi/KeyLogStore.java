package dev.secupass.spi;

import dev.secupass.api.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key transparency log: an append-only Merkle tree (RFC 9162) of every public key version of
 * every user, the host's signed checkpoints of it, and each user's sealed view of it ({@code
 * docs/key-log.md}).
 *
 * <p>The store keeps what the SDK hands it and computes nothing: the SDK hashes the leaves and the
 * tree's nodes, signs checkpoints and seals users' views. Nothing here is trusted by the SDK: a
 * store that answers falsely is detected by the proofs the SDK checks, not prevented.
 */
public interface KeyLogStore {

  /** The number of leaves appended so far. */
  long size();

  /**
   * Appends {@code leaf} at index {@link KeyLogLeaf#index()}, with the tree nodes it completes,
   * in one atomic step.
   *
   * @param nodes the hashes of the perfect subtrees that end at this leaf (level 0 is the leaf's
   *     own hash)
   * @throws dev.secupass.api.ConflictException if the leaf's index is not {@link #size()} (another
   *     append came first); nothing is stored then
   */
  void append(KeyLogLeaf leaf, List<KeyLogNode> nodes);

  /** Leaves from index {@code from} on, in index order, at most {@code max} of them. */
  List<KeyLogLeaf> leaves(long from, int max);

  /** Every leaf of {@code user}, in index order. */
  List<KeyLogLeaf> leavesOf(UserId user);

  /**
   * The hash of the perfect subtree of {@code 2^level} leaves starting at leaf {@code index *
   * 2^level}.
   *
   * @return empty if that subtree is not complete
   */
  Optional<byte[]> node(int level, long index);

  /** Stores a checkpoint, replacing one of the same tree size (more cosignatures, say). */
  void saveCheckpoint(KeyLogCheckpoint checkpoint);

  /** The checkpoint of the largest tree size; empty if none was stored. */
  Optional<KeyLogCheckpoint> latestCheckpoint();

  /** Checkpoints of tree size {@code fromSize} or more, by tree size, at most {@code max}. */
  List<KeyLogCheckpoint> checkpoints(long fromSize, int max);

  /** The view of the log {@code user}'s SDK sealed (opaque to stores); empty if none. */
  Optional<byte[]> view(UserId user);

  /** Stores {@code user}'s sealed view, replacing the earlier one. */
  void saveView(UserId user, byte[] sealed);

  /**
   * The statement {@code user}'s SDK signed of the checkpoint it last relied on (opaque to
   * stores: a signed statement that other users' SDKs check and compare with the checkpoint they
   * hold); empty if none.
   */
  Optional<byte[]> seenCheckpoint(UserId user);

  /** Stores {@code user}'s statement of the checkpoint it last relied on, replacing the earlier one. */
  void saveSeenCheckpoint(UserId user, byte[] statement);

  /** The host's checkpoint key as the SDK sealed it; empty if none was stored yet. */
  Optional<byte[]> checkpointKey();

  /**
   * Stores the sealed checkpoint key unless one is stored already.
   *
   * @return the one stored now: {@code sealed}, or the one stored before
   */
  byte[] saveCheckpointKeyIfAbsent(byte[] sealed);

  // Batch reads: one call for what a batch of grants reads one by one. The defaults call the
  // single read for each; an adapter may answer with one statement. Each returns the rows found,
  // keyed as asked (absent keys: nothing found), never a row that was not asked for.

  /**
   * {@link #leavesOf} of each of {@code users}, in index order: every one asked for is a key, with
   * an empty list if the log has no leaf of theirs.
   */
  default Map<UserId, List<KeyLogLeaf>> leavesOfAll(Collection<UserId> users) {
    Map<UserId, List<KeyLogLeaf>> found = new LinkedHashMap<>();
    for (UserId user : users) {
      found.put(user, leavesOf(user));
    }
    return found;
  }

  /** {@link #node} at each of {@code positions}: the complete subtrees among them, once each. */
  default List<KeyLogNode> nodes(Collection<KeyLogNode.Position> positions) {
    List<KeyLogNode> found = new ArrayList<>();
    for (KeyLogNode.Position at : new LinkedHashSet<>(positions)) {
      node(at.level(), at.index()).ifPresent(hash -> found.add(new KeyLogNode(at.level(),
          at.index(), hash)));
    }
    return found;
  }
}
