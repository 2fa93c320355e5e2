package dev.secupass.tck;

import dev.secupass.spi.Storage;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Every contract of the metadata stores in one class: an adapter's test subclasses it once,
 * implements {@link #createStorage(Clock)}, and runs every rule the kit has, each store's and the
 * transactions'. A contract added to the kit later is nested here, so it reaches every adapter
 * without a change to the adapter (the kit's own build fails if a contract is left out). This is
 * Micrometer's {@code MeterRegistryCompatibilityKit} pattern.
 *
 * <pre>{@code
 * class MyStorageConformanceTest extends StorageConformanceKit {
 *   @Override
 *   protected Storage createStorage(Clock clock) {
 *     return new MyStorage(dataSource, clock);
 *   }
 * }
 * }</pre>
 *
 * <p>What the hook must do (a store over a shared backend, the clock it is given) is the same as
 * for {@link StorageContract#createStorage}; docs/conformance-kit.md has the details.
 */
@DisplayName("Storage conformance kit")
public abstract class StorageConformanceKit {

  /**
   * Makes the storage under test. Called before every test of every contract; it may return a new
   * view of a backend shared by all tests (a connection pool and schema set up once).
   *
   * @param clock the clock the storage must measure grant leases with and stamp grant changes by
   */
  protected abstract Storage createStorage(Clock clock);

  @Nested
  @DisplayName("KeyStore")
  class KeyStoreRules extends KeyStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("KeyLogStore")
  class KeyLogStoreRules extends KeyLogStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("DeliveryStore")
  class DeliveryStoreRules extends DeliveryStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("GrantQueue")
  class GrantQueueRules extends GrantQueueContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("RoomStore")
  class RoomStoreRules extends RoomStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("GuestStore")
  class GuestStoreRules extends GuestStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("EventOutbox")
  class EventOutboxRules extends EventOutboxContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("AuditLog")
  class AuditLogRules extends AuditLogContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("BlobJournal")
  class BlobJournalRules extends BlobJournalContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("Batch reads")
  class BatchReadsRules extends BatchReadsContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }

  @Nested
  @DisplayName("Storage transactions")
  class TransactionRules extends StorageTransactionContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return StorageConformanceKit.this.createStorage(clock);
    }
  }
}
