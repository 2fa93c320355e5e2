package dev.secupass.crash;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.spi.BlobStore;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Where a crash run keeps its data, opened the same way by the child (the host being killed) and
 * by the parent (which checks): the embedded default (H2 files and a {@link FileSystemBlobStore}
 * in one folder) or PostgreSQL (a schema of its own, blobs in the same database through {@link
 * JdbcStorage#blobStore()}). The folder also holds the host's at-rest keyset.
 *
 * @param kind {@code embedded} or {@code postgres}
 * @param dir the data folder
 * @param url the JDBC URL of the PostgreSQL schema; empty for the embedded default
 */
record Backend(String kind, Path dir, String url) {
  static final String EMBEDDED = "embedded";
  static final String POSTGRES = "postgres";

  /** The arguments that name this backend to a child process. */
  List<String> args() {
    return List.of(kind, dir.toString(), url.isEmpty() ? "-" : url);
  }

  static Backend fromArgs(String kind, String dir, String url) {
    return new Backend(kind, Path.of(dir), url.equals("-") ? "" : url);
  }

  /** Makes the host's at-rest keyset once, before the first child starts. */
  void prepare() throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("at-rest-keyset.json");
    if (!Files.exists(keyFile)) {
      Files.writeString(keyFile, TinkJsonProtoKeysetFormat.serializeKeyset(
          TinkAtRestKey.newKeyset(), AeadConfig2026.get(), InsecureSecretKeyAccess.get()));
    }
  }

  /** The storage, blob store and an SDK on them, as the host builds them at every start. */
  Host open() {
    return open(Duration.ofHours(1));  // the SDK's default
  }

  /**
   * As {@link #open()}, with the grace period after which the sweep deletes a journaled blob no
   * row took over: the checker uses zero, since the killed host runs no upload any more.
   */
  Host open(Duration orphanGrace) {
    JdbcStorage storage = kind.equals(EMBEDDED)
        ? JdbcStorage.embedded(dir.resolve("db"))
        : JdbcStorage.builder(new UrlDataSource(url)).build();
    BlobStore blobs = kind.equals(EMBEDDED)
        ? new FileSystemBlobStore(dir.resolve("blobs"))
        : storage.blobStore();
    try {
      KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(
          Files.readString(dir.resolve("at-rest-keyset.json")), AeadConfig2026.get(),
          InsecureSecretKeyAccess.get());
      SecuPassSdk sdk = SecuPassSdk.builder()
          .storage(storage)
          .blobStore(blobs)
          .atRestKey(TinkAtRestKey.of(keyset))
          // Argon2id at a test cost: the harness measures consistency, not key derivation.
          .kdfPolicy(KdfPolicy.builder().memoryKiB(1024).iterations(1)
              .allowWeakParametersForTests().build())
          // A killed process's leases run out quickly, so the next start can take over.
          .grantLeaseDuration(Duration.ofSeconds(1))
          .eventLeaseDuration(Duration.ofSeconds(1))
          // The workload checks the grant round trip's consistency, not the sender's confirmation.
          .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
          .orphanGracePeriod(orphanGrace)
          .build();
      return new Host(storage, blobs, sdk);
    } catch (IOException e) {
      storage.close();
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | RuntimeException e) {
      storage.close();
      throw new IllegalStateException("cannot open the crash run's host", e);
    }
  }

  /** The ids of every committed blob in the blob store, read beneath the SPI. */
  List<String> committedBlobs(Host host) throws IOException, SQLException {
    if (kind.equals(EMBEDDED)) {
      Path root = dir.resolve("blobs").resolve("blobs");
      if (!Files.isDirectory(root)) {
        return List.of();
      }
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      }
    }
    return Rows.strings(this, "SELECT id FROM secupass_blob_object");
  }

  /** Temporary files and uncommitted chunks a crash left behind (not visible to readers). */
  long leftovers(Host host) throws IOException, SQLException {
    if (kind.equals(EMBEDDED)) {
      Path tmp = dir.resolve("blobs").resolve("tmp");
      if (!Files.isDirectory(tmp)) {
        return 0;
      }
      try (Stream<Path> files = Files.list(tmp)) {
        return files.count();
      }
    }
    return Rows.strings(this, "SELECT DISTINCT c.upload_id FROM secupass_blob_chunk c"
        + " WHERE NOT EXISTS (SELECT 1 FROM secupass_blob_object o"
        + " WHERE o.upload_id = c.upload_id)").size();
  }

  /**
   * A connection for reading rows beneath the SPI. On H2 it joins the database the host in this
   * JVM holds open (same file, same process).
   */
  Connection connection() throws SQLException {
    if (kind.equals(EMBEDDED)) {
      return DriverManager.getConnection("jdbc:h2:file:"
          + dir.resolve("db").toAbsolutePath().normalize().resolve("secupass"), "sa", "");
    }
    return new UrlDataSource(url).getConnection();
  }

  /** What the host holds open: closed in reverse order. */
  record Host(JdbcStorage storage, BlobStore blobs, SecuPassSdk sdk) implements AutoCloseable {
    @Override
    public void close() {
      try {
        sdk.close();
      } finally {
        storage.close();
      }
    }
  }

  /** A data source on one JDBC URL (PostgreSQL, user postgres by default). */
  static final class UrlDataSource implements DataSource {
    private final String url;

    UrlDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, System.getProperty(
          "secupass.jdbc.postgresql.user", "postgres"),
          System.getProperty("secupass.jdbc.postgresql.password", ""));
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      DriverManager.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
      DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
      return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
