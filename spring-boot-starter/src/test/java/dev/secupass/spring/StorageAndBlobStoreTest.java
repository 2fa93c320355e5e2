package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.spi.BlobStore;
import dev.secupass.storage.jdbc.JdbcBlobStore;
import dev.secupass.storage.jdbc.JdbcStorage;
import dev.secupass.storage.s3.S3BlobStore;
import dev.secupass.storage.s3.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The storage on the application's DataSource (H2 and PostgreSQL, migrated under the configured
 * table prefix) and each blob store the starter makes, each proved by real deliveries.
 */
class StorageAndBlobStoreTest {
  @TempDir Path dir;

  @Test
  void embeddedH2WithTablePrefixAndFileSystemBlobs() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=app_sp_")
        .run(context -> {
          assertThat(context).hasNotFailed();
          JdbcStorage storage = context.getBean(JdbcStorage.class);
          assertThat(storage.tablePrefix()).isEqualTo("app_sp_");
          assertThat(context.getBean(BlobStore.class)).isInstanceOf(FileSystemBlobStore.class);

          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());

          assertThat(tables(context.getBean(DataSource.class), "app_sp_"))
              .isNotEmpty().allMatch(t -> t.startsWith("app_sp_"))
              .contains("app_sp_schema_history");
          try (Stream<Path> blobs = Files.walk(dir.resolve("blobs"))) {
            assertThat(blobs.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(2);
          }
        });
  }

  @Test
  void postgresqlWithItsOwnPrefix() throws SQLException {
    String prefix = "sp" + TestHost.run() + "_";
    List<String> made = new ArrayList<>();
    TestHost.bare().withPropertyValues(
            "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
            "spring.datasource.username=postgres",
            "secupass.storage.table-prefix=" + prefix,
            "secupass.blob-store.type=jdbc",
            "secupass.at-rest-key.source=tink-keyset-file",
            "secupass.at-rest-key.tink-keyset-file.path=" + dir.resolve("key.json"),
            "secupass.at-rest-key.tink-keyset-file.create-if-missing=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(JdbcStorage.class).dialect().toString())
              .containsIgnoringCase("postgres");
          assertThat(context.getBean(BlobStore.class)).isInstanceOf(JdbcBlobStore.class);
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
          DataSource dataSource = context.getBean(DataSource.class);
          made.addAll(tables(dataSource, prefix));
          assertThat(made).isNotEmpty();
          try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : made) {
              s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
          }
        });
    assertThat(made).isNotEmpty();
  }

  @Test
  void s3OnTheApplicationsClientBean() {
    S3ProxyServer server = S3ProxyServer.shared();
    String bucket = server.newBucket();
    TestHost.embedded(dir)
        .withBean(S3Client.class, () -> S3ProxyServer.newClient(server.endpoint()))
        .withPropertyValues("secupass.blob-store.type=s3", "secupass.blob-store.s3.bucket="
            + bucket, "secupass.blob-store.s3.key-prefix=app/")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(BlobStore.class)).isInstanceOf(S3BlobStore.class);
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
          assertThat(objects(server.client(), bucket)).isNotEmpty()
              .allMatch(key -> key.startsWith("app/"));
        });
  }

  @Test
  void s3OnProperties() {
    S3ProxyServer server = S3ProxyServer.shared();
    String bucket = server.newBucket();
    TestHost.embedded(dir)
        .withPropertyValues("secupass.blob-store.type=s3",
            "secupass.blob-store.s3.bucket=" + bucket,
            "secupass.blob-store.s3.endpoint=" + server.endpoint(),
            "secupass.blob-store.s3.access-key-id=" + S3ProxyServer.ACCESS_KEY,
            "secupass.blob-store.s3.secret-access-key=" + S3ProxyServer.SECRET_KEY)
        .run(context -> {
          assertThat(context).hasNotFailed();
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
          assertThat(objects(server.client(), bucket)).hasSizeGreaterThanOrEqualTo(2);
        });
  }

  private static List<String> objects(S3Client client, String bucket) {
    return client.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
        .toList();
  }

  /** The tables whose names start with {@code prefix}, in lower case. */
  static List<String> tables(DataSource dataSource, String prefix) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith(prefix)) {
          tables.add(name);
        }
      }
    }
    return tables;
  }
}
