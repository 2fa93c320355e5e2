package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.Nested;

/**
 * Everything the JDBC storage must pass on each dialect: the adapter's own tests. Each dialect
 * has a short subclass that registers its {@link DatabaseFixture}.
 */
abstract class JdbcConformance {

  abstract DatabaseFixture db();

  @Nested
  class Migrations extends MigrationTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }

  @Nested
  class ColumnValues extends ColumnValuesTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }

  @Nested
  class GrantLocking extends GrantLockingTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }

  @Nested
  class ConnectionLoss extends ConnectionLossTest {
    @Override
    DatabaseFixture db() {
      return JdbcConformance.this.db();
    }
  }
}
