package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.keys.SecuPass;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;

/**
 * The key log's health indicator on H2 in an application context, against an operator who
 * changes the log's rows in the database: a rewritten newest entry, a rewritten tree node, a
 * checkpoint swapped for an older one, a log rolled back by one entry, and tables that are gone.
 * Each is DOWN with its reason in words; the untouched log is UP with its size and checkpoint.
 */
class KeyLogHealthTest {
  @TempDir Path dir;

  @Test
  void upWithSizeAndCheckpointAge() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=kh_")
        .run(context -> {
          activate(context, 2);
          Health health = health(context);
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("entries", 2L)
              .containsKeys("checkpointTime", "checkpointAge");
          assertThat((String) health.getDetails().get("checkpointAge")).startsWith("PT");
        });
  }

  @Test
  void rewrittenNewestEntry_isDownUntilRestored() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=kh_")
        .run(context -> {
          activate(context, 2);
          byte[] original = bytes(context, "SELECT leaf FROM kh_key_log_leaf WHERE leaf_index = 1");
          byte[] other = bytes(context, "SELECT leaf FROM kh_key_log_leaf WHERE leaf_index = 0");
          update(context, "UPDATE kh_key_log_leaf SET leaf = ? WHERE leaf_index = 1", other);

          assertDown(context, "newest entry (1) does not match its tree");

          update(context, "UPDATE kh_key_log_leaf SET leaf = ? WHERE leaf_index = 1", original);
          assertThat(health(context).getStatus()).isEqualTo(Status.UP);
        });
  }

  @Test
  void rewrittenTreeNode_isDown() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=kh_")
        .run(context -> {
          activate(context, 3);
          byte[] other = bytes(context,
              "SELECT hash FROM kh_key_log_node WHERE node_level = 0 AND node_index = 2");
          // The left half of the tree of 3 entries (node 0 of level 1) now claims other entries.
          update(context, "UPDATE kh_key_log_node SET hash = ? WHERE node_level = 1"
              + " AND node_index = 0", other);

          assertDown(context, "stored tree does not match its signed checkpoint of 3 entries");
        });
  }

  @Test
  void checkpointSwappedForAnOlderOne_isDown() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=kh_")
        .run(context -> {
          activate(context, 2);
          byte[] older = bytes(context, "SELECT note FROM kh_key_log_checkpoint"
              + " WHERE tree_size = 1");
          update(context, "UPDATE kh_key_log_checkpoint SET note = ? WHERE tree_size = 2",
              older);

          assertDown(context, "stored under another tree size");
        });
  }

  @Test
  void logRolledBackSinceTheLastCheck_isDown() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=kh_")
        .run(context -> {
          activate(context, 2);
          assertThat(health(context).getStatus()).isEqualTo(Status.UP);

          // The operator removes the newest entry with its tree nodes and its checkpoint: what
          // is left is a consistent, validly signed log of one entry.
          execute(context, "DELETE FROM kh_key_log_leaf WHERE leaf_index = 1",
              "DELETE FROM kh_key_log_node WHERE (node_level = 0 AND node_index = 1)"
                  + " OR (node_level = 1 AND node_index = 0)",
              "DELETE FROM kh_key_log_checkpoint WHERE tree_size = 2");

          assertDown(context, "does not extend the one this SDK checked before (2 entries)");
        });
  }

  @Test
  void tablesGone_isDownBecauseTheLogCannotBeRead() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=kh_")
        .run(context -> {
          activate(context, 1);
          execute(context, "DROP TABLE kh_key_log_checkpoint");

          Health health = health(context);
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat((String) health.getDetails().get("reason")).contains("cannot be read");
        });
  }

  @Test
  void switchedOffWithTheOtherIndicators() {
    TestHost.embedded(dir).withPropertyValues("management.health.secupass.enabled=false")
        .run(context -> assertThat(context)
            .doesNotHaveBean(SecuPassKeyLogHealthIndicator.class));
  }

  private static void activate(ApplicationContext context, int users) {
    SecuPassSdk sdk = context.getBean(SecuPassSdk.class);
    for (int i = 0; i < users; i++) {
      try (SecuPass pass = SecuPass.of("a long SecuPass for user " + i)) {
        sdk.secuPass().activate(UserId.of("user-" + i), pass).close();
      }
    }
  }

  private static Health health(ApplicationContext context) {
    return context.getBean(SecuPassKeyLogHealthIndicator.class).health();
  }

  private static void assertDown(ApplicationContext context, String reason) {
    Health health = health(context);
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat((String) health.getDetails().get("reason")).contains(reason)
        .doesNotContain("Exception");
  }

  private static byte[] bytes(ApplicationContext context, String sql) throws SQLException {
    try (Connection c = context.getBean(DataSource.class).getConnection();
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getBytes(1);
    }
  }

  private static void update(ApplicationContext context, String sql, byte[] value)
      throws SQLException {
    try (Connection c = context.getBean(DataSource.class).getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setBytes(1, value);
      assertThat(s.executeUpdate()).as(sql).isEqualTo(1);
    }
  }

  private static void execute(ApplicationContext context, String... sql) throws SQLException {
    try (Connection c = context.getBean(DataSource.class).getConnection();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }
}
