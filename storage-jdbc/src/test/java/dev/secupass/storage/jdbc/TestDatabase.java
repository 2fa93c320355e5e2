package dev.secupass.storage.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database for one test run: a new schema on PostgreSQL, a new database on
 * MariaDB, new files in a temporary directory for H2, each with a random name so that runs (and
 * leftovers of runs that crashed) never collide. Connections come from a small pool, as a host's
 * would. {@link #close()} drops it.
 */
final class TestDatabase implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 32;

  private final Dialect dialect;
  private final String name;
  private final DataSource dataSource;
  private final DataSource unpooled;
  private final Runnable drop;

  private TestDatabase(Dialect dialect, String name, DataSource dataSource, DataSource unpooled,
      Runnable drop) {
    this.dialect = dialect;
    this.name = name;
    this.dataSource = dataSource;
    this.unpooled = unpooled;
    this.drop = drop;
  }

  static TestDatabase create(Dialect dialect) {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String name = "secupass_test_" + HexFormat.of().formatHex(random);
    try {
      return switch (dialect) {
        case H2 -> h2(name);
        case POSTGRESQL -> postgresql(name, DatabaseServer.of(dialect));
        case MARIADB -> mariadb(name, DatabaseServer.of(dialect));
      };
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(
          "cannot create a test database for " + dialect + ": " + e.getMessage(), e);
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** The schema (PostgreSQL) or database (MariaDB, H2) name. */
  String name() {
    return name;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * A data source whose every connection is a new session, never a pooled one: for tests that
   * kill sessions, so a dead connection never returns to a pool.
   */
  DataSource unpooledDataSource() {
    return unpooled;
  }

  /** The server's identifier of the session of {@code connection}. */
  long sessionId(Connection connection) throws SQLException {
    String sql = switch (dialect) {
      case POSTGRESQL -> "SELECT pg_backend_pid()";
      case MARIADB -> "SELECT CONNECTION_ID()";
      case H2 -> "SELECT SESSION_ID()";
    };
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Ends another session from a connection of its own, as an administrator would. */
  void terminateSession(long sessionId) throws SQLException {
    String sql = switch (dialect) {
      case POSTGRESQL -> "SELECT pg_terminate_backend(" + sessionId + ")";
      case MARIADB -> "KILL CONNECTION " + sessionId;
      case H2 -> "CALL ABORT_SESSION(" + sessionId + ")";
    };
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() {
    drop.run();
  }

  @Override
  public String toString() {
    return dialect + " " + name;
  }

  private static TestDatabase h2(String name) throws IOException {
    Path dir = Files.createTempDirectory(name);
    String url = "jdbc:h2:file:" + dir.resolve(name) + ";LOCK_TIMEOUT=10000";
    JdbcDataSource unpooled = new JdbcDataSource();
    unpooled.setURL(url);
    unpooled.setUser("sa");
    JdbcConnectionPool pool = pool(unpooled);
    return new TestDatabase(Dialect.H2, name, pool, unpooled, () -> {
      pool.dispose();
      deleteTree(dir);
    });
  }

  private static TestDatabase postgresql(String name, DatabaseServer server)
      throws SQLException {
    execute(server, "CREATE SCHEMA " + name);
    PGSimpleDataSource unpooled = new PGSimpleDataSource();
    PGConnectionPoolDataSource pooled = new PGConnectionPoolDataSource();
    for (var ds : List.of(unpooled, pooled)) {
      ds.setURL(server.url());
      ds.setUser(server.user());
      ds.setPassword(server.password());
      ds.setCurrentSchema(name);
    }
    JdbcConnectionPool pool = pool(pooled);
    return new TestDatabase(Dialect.POSTGRESQL, name, pool, unpooled, () -> {
      pool.dispose();
      executeQuietly(server, "DROP SCHEMA " + name + " CASCADE");
    });
  }

  private static TestDatabase mariadb(String name, DatabaseServer server) throws SQLException {
    execute(server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    MariaDbDataSource unpooled = new MariaDbDataSource();
    unpooled.setUrl(server.url().replaceFirst("^(jdbc:[a-z]+://[^/?]+)(/[^?]*)?", "$1/" + name));
    unpooled.setUser(server.user());
    unpooled.setPassword(server.password());
    JdbcConnectionPool pool = pool(unpooled);
    return new TestDatabase(Dialect.MARIADB, name, pool, unpooled, () -> {
      pool.dispose();
      executeQuietly(server, "DROP DATABASE " + name);
    });
  }

  /** A small pool (H2's, which pools any driver's connections): the host's pooling, in tests. */
  private static JdbcConnectionPool pool(ConnectionPoolDataSource dataSource) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(dataSource);
    pool.setMaxConnections(MAX_CONNECTIONS);
    return pool;
  }

  private static void execute(DatabaseServer server, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url(), server.user(),
            server.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void executeQuietly(DatabaseServer server, String sql) {
    try {
      execute(server, sql);
    } catch (SQLException e) {
      System.err.println("could not drop a test database (" + sql + "): " + e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
