package dev.secupass.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of one dialect for a test class: one fresh {@link TestDatabase} per dialect for the
 * whole run (created on first use, migrated once, dropped when the run ends), emptied before each
 * test so tests never see each other's rows.
 *
 * <pre>{@code
 * @RegisterExtension static final DatabaseFixture db = new DatabaseFixture(Dialect.POSTGRESQL);
 * }</pre>
 */
final class DatabaseFixture implements BeforeAllCallback, BeforeEachCallback {
  static final String PREFIX = "sp_";

  /** Every table, children before parents, so deleting in this order satisfies foreign keys. */
  private static final List<String> TABLES = List.of("key_record", "key_pin",
      "delivery_envelope", "delivery_recipient", "delivery_file", "delivery", "grant_queue",
      "room_envelope", "room_membership", "room_member", "room_entry", "room", "guest_invitation",
      "guest_account", "event_outbox", "audit_log", "blob_object", "blob_chunk");

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
      storageBuilder(created).build(); // migrates
      return created;
    }, TestDatabase.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String table : TABLES) {
        if (!table.equals("room_entry")) {
          s.executeUpdate("DELETE FROM " + PREFIX + table);
        } else {
          // Entries refer to their parent folders: delete the leaves first.
          while (s.executeUpdate("DELETE FROM " + PREFIX + "room_entry WHERE id NOT IN"
              + " (SELECT parent_id FROM (SELECT parent_id FROM " + PREFIX + "room_entry"
              + " WHERE parent_id IS NOT NULL) p)") > 0) {
            // another level
          }
        }
      }
    }
  }

  TestDatabase database() {
    return database;
  }

  /** A storage on the fixture's database, already migrated. */
  JdbcStorage storage(Clock clock) {
    return storageBuilder(database).dialect(dialect).clock(clock).migrateOnStart(false).build();
  }

  private JdbcStorage.Builder storageBuilder(TestDatabase db) {
    return JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX);
  }
}
