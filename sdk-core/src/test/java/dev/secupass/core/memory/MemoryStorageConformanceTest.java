package dev.secupass.core.memory;

import dev.secupass.spi.Storage;
import dev.secupass.tck.AuditLogContractTest;
import dev.secupass.tck.DeliveryStoreContractTest;
import dev.secupass.tck.EventOutboxContractTest;
import dev.secupass.tck.GrantQueueContractTest;
import dev.secupass.tck.GuestStoreContractTest;
import dev.secupass.tck.KeyStoreContractTest;
import dev.secupass.tck.RoomStoreContractTest;
import dev.secupass.tck.StorageTransactionContractTest;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The conformance kit against {@link MemoryStorage}: one nested subclass per contract. */
class MemoryStorageConformanceTest {

  @Nested
  class Keys extends KeyStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }

  @Nested
  class Deliveries extends DeliveryStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }

  @Nested
  class Grants extends GrantQueueContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }

  @Nested
  class Rooms extends RoomStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }

  @Nested
  class Guests extends GuestStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }

  @Nested
  class Events extends EventOutboxContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }

  @Nested
  class Audit extends AuditLogContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }

  @Nested
  class Transactions extends StorageTransactionContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MemoryStorage(clock);
    }
  }
}
