package dev.secupass.storage.jdbc;

import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import dev.secupass.tck.AuditLogContractTest;
import dev.secupass.tck.BlobStoreContractTest;
import dev.secupass.tck.DeliveryStoreContractTest;
import dev.secupass.tck.EventOutboxContractTest;
import dev.secupass.tck.GrantQueueContractTest;
import dev.secupass.tck.GuestStoreContractTest;
import dev.secupass.tck.KeyStoreContractTest;
import dev.secupass.tck.RoomStoreContractTest;
import dev.secupass.tck.StorageTransactionContractTest;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Everything the JDBC storage must pass on each dialect: every contract of the conformance kit,
 * then the adapter's own tests. Each dialect has a short subclass that registers its {@link
 * DatabaseFixture} ({@link H2Test}, {@link PostgreSqlTest}, {@link MariaDbTest}).
 */
abstract class JdbcConformance {

  abstract DatabaseFixture db();

  @Nested
  @DisplayName("KeyStore")
  class Keys extends KeyStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("DeliveryStore")
  class Deliveries extends DeliveryStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("GrantQueue")
  class Grants extends GrantQueueContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("RoomStore")
  class Rooms extends RoomStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("GuestStore")
  class Guests extends GuestStoreContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("EventOutbox")
  class Events extends EventOutboxContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("AuditLog")
  class Audit extends AuditLogContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("Storage transactions")
  class Transactions extends StorageTransactionContractTest {
    @Override
    protected Storage createStorage(Clock clock) {
      return db().storage(clock);
    }
  }

  @Nested
  @DisplayName("BlobStore")
  class Blobs extends BlobStoreContractTest {
    @Override
    protected BlobStore createBlobStore() {
      return db().storage(Clock.systemUTC()).blobStore();
    }
  }

  @Nested
  @DisplayName("Migrations")
  class Migrations extends MigrationTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }

  @Nested
  @DisplayName("Column values")
  class ColumnValues extends ColumnValuesTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }

  @Nested
  @DisplayName("Grant locking")
  class GrantLocking extends GrantLockingTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }

  @Nested
  @DisplayName("Error messages")
  class ErrorMessages extends ErrorMessagesTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }

  @Nested
  @DisplayName("Transient failures")
  class TransientFailures extends TransientFailureTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }
}
