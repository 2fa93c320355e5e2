package dev.secupass.core.keylog;

import dev.secupass.core.AtRestKey;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.ForwardingKeyLogStore;
import dev.secupass.core.testing.ForwardingStorage;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A storage operator who also holds the host's checkpoint key (the strongest insider short of the
 * users' endpoints): appends entries of its choice and builds rewritten copies of the log, signed
 * like the real one. Also a storage view whose key log the operator can switch to such a copy
 * (users' sealed views stay where they are).
 */
final class LogOperator {
  private final CheckpointKey key;
  private final Clock clock;
  private final AtRestKey unused = TinkAtRestKey.generate();

  LogOperator(CheckpointKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  private KeyLogService service(Storage on) {
    return new KeyLogService(on, clock, new SecureRandom(), unused,
        KeyTransparency.builder().checkpointKey(key).build());
  }

  /** Appends an entry of the operator's choice, signing the new checkpoint. */
  void append(Storage on, KeyLogEntry entry) {
    service(on).append(on, entry);
  }

  /** Appends an entry of the operator's choice to {@code log} (a copy it made). */
  void append(KeyLogStore log, KeyLogEntry entry) {
    Switchable on = new Switchable(new MemoryStorage(clock));
    on.show(log);
    service(on).append(on, entry);
  }

  /** A copy of {@code source}'s log with each entry passed through {@code change}, re-signed. */
  KeyLogStore rewritten(KeyLogStore source, UnaryOperator<KeyLogEntry> change) {
    MemoryStorage fork = new MemoryStorage(clock);
    KeyLogService service = service(fork);
    for (KeyLogLeaf leaf : source.leaves(0, Integer.MAX_VALUE)) {
      service.append(fork, change.apply(KeyLogEntry.decode(leaf.data())));
    }
    return fork.keyLog();
  }

  /** {@code real} whose key log can be switched to a rewritten one. */
  static final class Switchable extends ForwardingStorage {
    private volatile @Nullable KeyLogStore fork;

    Switchable(Storage real) {
      this(real, null);
    }

    private Switchable(Storage real, @Nullable KeyLogStore fork) {
      super(real);
      this.fork = fork;
    }

    /** From now on the tree, entries and checkpoints are {@code tree}'s; null for the real ones. */
    void show(@Nullable KeyLogStore tree) {
      this.fork = tree;
    }

    @Override
    public KeyLogStore keyLog() {
      KeyLogStore tree = fork;
      KeyLogStore views = real.keyLog();
      return tree == null ? views : new ForwardingKeyLogStore(tree, views) {};
    }

    @Override
    protected Storage over(Storage tx) {
      return new Switchable(tx, fork);
    }
  }
}
