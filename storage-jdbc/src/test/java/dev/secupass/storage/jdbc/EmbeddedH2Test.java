package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.Room;
import dev.secupass.tck.Samples;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("h2")
@DisplayName("JdbcStorage.embedded (H2 in file mode)")
class EmbeddedH2Test {
  private static final Instant NOW = Instant.parse("2031-05-01T10:00:00Z");

  @TempDir
  Path dir;

  @Test
  @DisplayName("creates its data directory, migrates, and keeps metadata and blobs across restarts")
  void embedded_reopened_keepsMetadataAndBlobs() throws Exception {
    Path data = dir.resolve("secupass-data");
    Room room = Samples.room(Samples.roomId(), Samples.user(), NOW);
    BlobId blob = Samples.blobId();
    byte[] content = Samples.bytes(100_000);

    try (JdbcStorage storage = JdbcStorage.embedded(data)) {
      assertThat(storage.dialect()).isEqualTo(Dialect.H2);
      storage.rooms().create(room);
      try (BlobOutput out = storage.blobStore().create(blob)) {
        out.write(content);
        out.commit();
      }
    }
    assertThat(Files.isDirectory(data)).isTrue();

    try (JdbcStorage reopened = JdbcStorage.embedded(data)) {
      assertThat(reopened.migrate()).as("already migrated").isZero();
      assertThat(reopened.rooms().find(room.id())).contains(room.withRevision(1));
      try (InputStream in = reopened.blobStore().open(blob)) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
  }

  @Test
  @DisplayName("writes each commit before it returns (WRITE_DELAY 0), so a killed process loses"
      + " nothing that committed")
  void embedded_writesEachCommitAtOnce() throws Exception {
    // The crash harness (crash-tests, docs/testing.md) found H2's default delay of 500 ms losing
    // committed transactions to a kill -9; a second connection in this process reads the setting.
    Path data = dir.resolve("secupass-data");
    try (JdbcStorage storage = JdbcStorage.embedded(data);
        Connection connection = DriverManager.getConnection(
            "jdbc:h2:file:" + data.toAbsolutePath().normalize().resolve("secupass"), "sa", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT SETTING_VALUE FROM"
            + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      assertThat(storage.dialect()).isEqualTo(Dialect.H2);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("0");
    }
  }
}
