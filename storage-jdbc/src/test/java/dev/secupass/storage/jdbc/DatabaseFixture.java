package dev.secupass.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
    clearKeyLog();
  }

  /**
   * Each test class starts with an empty key log: the database is shared by every class in the
   * JVM, and the log's checkpoint key, which the SDK makes on first use, is sealed under the
   * at-rest key of the class that made it, which the next class does not have.
   */
  private void clearKeyLog() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("key_log_seen", "key_log_view", "key_log_checkpoint",
          "key_log_node", "key_log_leaf", "key_log_key")) {
        s.executeUpdate("DELETE FROM " + PREFIX + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the key log of the test database", e);
    }
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
