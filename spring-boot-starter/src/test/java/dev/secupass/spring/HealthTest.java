package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.FileSystemUtils;

/** The storage and blob store health indicators report what the backends really do. */
class HealthTest {
  @TempDir Path dir;

  @Test
  void upWhileTheBackendsAnswer_downWhenTheyDoNot() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=hp_")
        .run(context -> {
          Health storage = context.getBean(SecuPassStorageHealthIndicator.class).health();
          Health blobs = context.getBean(SecuPassBlobStoreHealthIndicator.class).health();
          assertThat(storage.getStatus()).isEqualTo(Status.UP);
          assertThat(storage.getDetails()).containsEntry("tablePrefix", "hp_")
              .containsKey("database");
          assertThat(blobs.getStatus()).isEqualTo(Status.UP);
          assertThat(blobs.getDetails()).containsEntry("type", "filesystem");

          // The tables are gone: the storage is down.
          try (Connection c = context.getBean(DataSource.class).getConnection();
              Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS");
          }
          assertThat(context.getBean(SecuPassStorageHealthIndicator.class).health().getStatus())
              .isEqualTo(Status.DOWN);

          // The blob directory is a file now: the blob store is down.
          Path blobsDir = dir.resolve("blobs");
          FileSystemUtils.deleteRecursively(blobsDir);
          Files.writeString(blobsDir, "not a directory");
          assertThat(context.getBean(SecuPassBlobStoreHealthIndicator.class).health()
              .getStatus()).isEqualTo(Status.DOWN);
        });
  }

  @Test
  void switchedOffWithManagementHealthSecupassEnabled() {
    TestHost.embedded(dir).withPropertyValues("management.health.secupass.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(SecuPassStorageHealthIndicator.class);
          assertThat(context).doesNotHaveBean(SecuPassBlobStoreHealthIndicator.class);
        });
  }
}
