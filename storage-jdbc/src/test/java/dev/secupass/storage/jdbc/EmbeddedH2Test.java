package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.Room;
import dev.secupass.tck.Samples;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
