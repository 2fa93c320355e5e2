package dev.secupass.storage.jdbc;

import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import dev.secupass.tck.BlobStoreConformanceKit;
import dev.secupass.tck.StorageConformanceKit;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Everything the JDBC storage must pass on each dialect: every contract of the conformance kit
 * (the metadata stores through {@link StorageConformanceKit}, the blob store in the database
 * through {@link BlobStoreConformanceKit}), then the adapter's own tests. Each dialect has a short
 * subclass that registers its {@link DatabaseFixture} ({@link H2Test}, {@link PostgreSqlTest},
 * {@link MariaDbTest}).
 */
abstract class JdbcConformance extends StorageConformanceKit {

  abstract DatabaseFixture db();

  @Override
  protected Storage createStorage(Clock clock) {
    return db().storage(clock);
  }

  @Nested
  @DisplayName("Blob store in the database")
  class Blobs extends BlobStoreConformanceKit {
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
