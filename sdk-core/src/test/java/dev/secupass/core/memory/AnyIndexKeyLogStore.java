package dev.secupass.core.memory;

import dev.secupass.core.testing.ForwardingKeyLogStore;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import java.util.List;

/**
 * A broken key log: it takes a leaf at whatever index it is offered and puts it at the end,
 * instead of refusing an index that is not the log's size (so racing appends both "win").
 */
final class AnyIndexKeyLogStore extends ForwardingKeyLogStore {

  AnyIndexKeyLogStore(KeyLogStore real) {
    super(real);
  }

  @Override
  public synchronized void append(KeyLogLeaf leaf, List<KeyLogNode> nodes) {
    long index = real.size();
    real.append(new KeyLogLeaf(index, leaf.user(), leaf.data()), nodes.stream()
        .map(n -> n.level() == 0 ? new KeyLogNode(0, index, n.hash()) : n).toList());
  }
}
