package dev.secupass.core.memory;

import java.time.Clock;
import java.util.function.UnaryOperator;

/** Broken on purpose: "transactions" run straight on the stores, so nothing is rolled back. */
final class NoRollbackStorage extends DecoratedStorage {
  NoRollbackStorage(Clock clock) {
    super(new MemoryStorage(clock), UnaryOperator.identity(), UnaryOperator.identity(),
        UnaryOperator.identity(), UnaryOperator.identity());
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return work.run(this);
  }
}
