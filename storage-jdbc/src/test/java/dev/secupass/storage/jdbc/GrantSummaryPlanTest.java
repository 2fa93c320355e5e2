package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Counting the backlog does not read the queue's history: on PostgreSQL, with 200,000 final
 * grants and 150 open ones (statistics up to date), the statement of {@code GrantQueue.summary}
 * reads the open states' ranges of the index on {@code (state, created_at)} (migration V10) and no
 * table scan: an index-only scan that reads the 150 open entries. The plan (with its timing,
 * printed, not asserted) is in docs/storage-jdbc.md.
 */
@Tag("postgresql")
@DisplayName("PostgreSQL grant summary plan")
class GrantSummaryPlanTest {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  private static final String P = DatabaseFixture.PREFIX;
  /** The statement JdbcGrantQueue.summary runs. */
  private static final String SUMMARY = "SELECT state, COUNT(*) AS open_count,"
      + " MIN(created_at) AS oldest FROM " + P + "grant_queue"
      + " WHERE state IN ('WAITING_FOR_KEY', 'READY') GROUP BY state";

  @BeforeAll
  static void longHistory() throws SQLException {
    try (Connection c = DB.database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      removeHistory(s);
      s.execute("INSERT INTO " + P + "grant_queue (id, target_kind, target_id, recipient_id,"
          + " granter_id, state, open_marker, key_version, created_at, updated_at)"
          + " SELECT 'plan-done-' || i, 'DELIVERY', 'plan-d-' || i, 'r', 'g', 'DONE', NULL, 1,"
          + " now(), now() FROM generate_series(1, 200000) i");
      s.execute("INSERT INTO " + P + "grant_queue (id, target_kind, target_id, recipient_id,"
          + " granter_id, state, open_marker, key_version, created_at, updated_at)"
          + " SELECT 'plan-open-' || i, 'DELIVERY', 'plan-o-' || i, 'r', 'g',"
          + " CASE WHEN i <= 100 THEN 'WAITING_FOR_KEY' ELSE 'READY' END, 'Y',"
          + " CASE WHEN i <= 100 THEN NULL ELSE 1 END, now(), now()"
          + " FROM generate_series(1, 150) i");
      s.execute("VACUUM ANALYZE " + P + "grant_queue");
    }
  }

  /** The database is shared by the module's test classes: the plan's grants go again. */
  @AfterAll
  static void forgetHistory() throws SQLException {
    try (Connection c = DB.database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      removeHistory(s);
    }
  }

  private static void removeHistory(Statement s) throws SQLException {
    s.execute("DELETE FROM " + P + "grant_queue WHERE id LIKE 'plan-%'");
  }

  @Test
  @DisplayName("the backlog is counted from the state index, without a table scan")
  void summary_readsTheStateIndexOnly() throws SQLException {
    StringBuilder plan = new StringBuilder();
    long open;
    try (Connection c = DB.database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      // The module's test classes share the database: other classes' open grants count too.
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + P + "grant_queue"
          + " WHERE state IN ('WAITING_FOR_KEY', 'READY')")) {
        rs.next();
        open = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + SUMMARY)) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }
    System.out.println("Grant summary plan, over 200,000 finished grants, " + open + " open:\n"
        + plan);

    assertThat(open).isGreaterThanOrEqualTo(150);
    assertThat(plan.toString()).contains("Index Only Scan using " + P + "grant_queue_state")
        .contains("rows=" + open + " loops=1").doesNotContain("Seq Scan").doesNotContain("Sort");
  }
}
