package dev.secupass.storage.jdbc;

import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of one dialect for a test class: one fresh {@link TestDatabase} per dialect for the
 * whole run (created on first use, migrated once, dropped when the run ends). Tests share it; they
 * use fresh identifiers ({@code dev.secupass.tck.Samples}), so they never see each other's rows.
 *
 * <pre>{@code
 * @RegisterExtension static final DatabaseFixture db = new DatabaseFixture(Dialect.POSTGRESQL);
 * }</pre>
 */
final class DatabaseFixture implements BeforeAllCallback {
  static final String PREFIX = "sp_";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DatabaseFixture.class);

  private final Dialect dialect;
  private TestDatabase database;

  DatabaseFixture(Dialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    database = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(dialect, d -> {
      TestDatabase created = TestDatabase.create(dialect);
      try {
        storageBuilder(created).build(); // migrates
      } catch (RuntimeException e) {
        created.close();
        throw e;
      }
      return created;
    }, TestDatabase.class);
  }

  TestDatabase database() {
    return database;
  }

  Dialect dialect() {
    return dialect;
  }

  /** A storage on the fixture's database, already migrated. */
  JdbcStorage storage(Clock clock) {
    return builder(database.dataSource()).clock(clock).build();
  }

  /** A builder for a storage on the fixture's schema through {@code dataSource}. */
  JdbcStorage.Builder builder(DataSource dataSource) {
    return JdbcStorage.builder(dataSource).tablePrefix(PREFIX).dialect(dialect)
        .migrateOnStart(false);
  }

  private JdbcStorage.Builder storageBuilder(TestDatabase db) {
    return JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX);
  }
}
