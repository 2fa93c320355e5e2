package dev.secupass.storage.jdbc;

import dev.secupass.api.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;

/** The embedded default: H2 in file mode behind H2's own small connection pool. */
final class EmbeddedH2 {
  /** How long a statement waits for a row lock before it fails as retryable, in ms. */
  private static final int LOCK_TIMEOUT_MILLIS = 10_000;
  /**
   * H2 writes a committed transaction to its file within WRITE_DELAY (500 ms by default), so a
   * process killed in between loses transactions that had committed, while the blobs they named
   * stay on disk. At 0 each commit is written before it returns (the crash-consistency harness
   * found the loss; docs/testing.md).
   */
  private static final int WRITE_DELAY_MILLIS = 0;

  private EmbeddedH2() {}

  static JdbcStorage open(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (dir.toString().contains(";")) {
      throw new IllegalArgumentException("the data directory's path must not contain ';'");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot create the data directory " + dir, false, null);
    }
    JdbcConnectionPool pool = JdbcConnectionPool.create(
        "jdbc:h2:file:" + dir.resolve("secupass") + ";LOCK_TIMEOUT=" + LOCK_TIMEOUT_MILLIS
            + ";WRITE_DELAY=" + WRITE_DELAY_MILLIS,
        "sa", "");
    try {
      return JdbcStorage.builder(pool).dialect(Dialect.H2).owning(pool::dispose).build();
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
  }
}
