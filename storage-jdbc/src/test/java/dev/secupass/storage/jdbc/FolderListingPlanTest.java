package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Listing one folder does not scan the room: on PostgreSQL, with a room of 200,000 entries in
 * 1,000 folders (and the planner's statistics up to date), the statement of {@code
 * RoomStore.entriesIn} is one range scan of the folder index that reads only the page it returns,
 * in id order, without a sort, for a folder and for the top alike (whose folder key is ''). The plans (with their timings,
 * which are printed, not asserted) are in docs/storage-jdbc.md.
 */
@Tag("postgresql")
@DisplayName("PostgreSQL folder listing plan")
class FolderListingPlanTest {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  private static final String P = DatabaseFixture.PREFIX;
  private static final String ROOM = "plan-room";
  private static final int FOLDERS = 1_000;
  private static final int FILES_PER_FOLDER = 199;
  /** The statement RoomIndex runs for a page of 1000 after a cursor (limit + 1 rows). */
  private static final String LISTING = "SELECT room_id, id, parent_id, kind, epoch, name,"
      + " blob_id, plain_size, header, created_at, revision FROM " + P + "room_entry"
      + " WHERE room_id = ? AND folder_key = ? AND id > ? ORDER BY id LIMIT 1001";

  @BeforeAll
  static void bigRoom() throws SQLException {
    try (Connection c = DB.database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + P + "room (id, created_by, created_at, epoch, name, name_epoch,"
          + " revision) VALUES ('" + ROOM + "', 'alice', now(), 1, '\\x00', 1, 1)");
      s.execute("INSERT INTO " + P + "room_entry (room_id, id, parent_id, kind, epoch, name,"
          + " blob_id, plain_size, header, created_at, revision, folder_key)"
          + " SELECT '" + ROOM + "', 'folder-' || lpad(f::text, 5, '0'), NULL, 'FOLDER', 1,"
          + " '\\x00', NULL, 0, '\\x', now(), 1, '' FROM generate_series(1, " + FOLDERS + ") f");
      s.execute("INSERT INTO " + P + "room_entry (room_id, id, parent_id, kind, epoch, name,"
          + " blob_id, plain_size, header, created_at, revision, folder_key)"
          + " SELECT '" + ROOM + "', 'file-' || lpad(f::text, 5, '0') || '-' || lpad(i::text, 4,"
          + " '0'), 'folder-' || lpad(f::text, 5, '0'), 'FILE', 1, '\\x00', 'blob', 1, '\\x00',"
          + " now(), 1, 'folder-' || lpad(f::text, 5, '0') FROM generate_series(1, " + FOLDERS
          + ") f, generate_series(1, "
          + FILES_PER_FOLDER + ") i");
      s.execute("ANALYZE " + P + "room_entry");
    }
  }

  @Test
  @DisplayName("a folder's page is one range scan of the folder index, reading only its rows")
  void folderPage_isOneIndexRangeScanOfItsRows() throws SQLException {
    String plan = explain("folder-00500");

    assertThat(plan).contains("Index Scan using " + P + "room_entry_folder")
        .doesNotContain("Seq Scan").doesNotContain("Sort").doesNotContain("Bitmap")
        .doesNotContain("Rows Removed by Filter")
        .contains("rows=" + FILES_PER_FOLDER + " loops=1");
  }

  @Test
  @DisplayName("the top's page is one range scan of the folder index, reading only its rows")
  void topPage_isOneIndexRangeScanOfItsRows() throws SQLException {
    String plan = explain("");

    assertThat(plan).contains("Index Scan using " + P + "room_entry_folder")
        .doesNotContain("Seq Scan").doesNotContain("Sort").doesNotContain("Bitmap")
        .doesNotContain("Rows Removed by Filter")
        .contains("rows=1000 loops=1");
  }

  /** EXPLAIN ANALYZE of the listing statement, printed and returned. */
  private static String explain(String folderKey) throws SQLException {
    try (Connection c = DB.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + LISTING)) {
      s.setString(1, ROOM);
      s.setString(2, folderKey);
      s.setString(3, "");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      System.out.println("Folder listing plan (folder_key '" + folderKey + "'), room of "
          + (FOLDERS * (FILES_PER_FOLDER + 1)) + " entries:\n" + plan);
      return plan.toString();
    }
  }
}
