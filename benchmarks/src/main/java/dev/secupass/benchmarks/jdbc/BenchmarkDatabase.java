package dev.secupass.benchmarks.jdbc;

import dev.secupass.storage.jdbc.Dialect;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A fresh PostgreSQL schema for one benchmark run, migrated, behind a small connection pool, and
 * dropped at the end. The server comes from the same system properties as the tests ({@code
 * secupass.jdbc.postgresql.url}, {@code .user}, {@code .password}; default 127.0.0.1:5432, user
 * postgres, database test).
 */
final class BenchmarkDatabase implements AutoCloseable {
  static final String PREFIX = "secupass_";
  /** The application name of the benchmark's connections, to find their server processes. */
  static final String APPLICATION = "secupass-benchmark";

  private final String url;
  private final String user;
  private final String password;
  private final String schema;
  private final JdbcConnectionPool pool;
  private final JdbcStorage storage;
  private final StatementCounter statements = new StatementCounter();

  private BenchmarkDatabase() throws SQLException {
    url = System.getProperty("secupass.jdbc.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
    user = System.getProperty("secupass.jdbc.postgresql.user", "postgres");
    password = System.getProperty("secupass.jdbc.postgresql.password", "");
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    schema = "secupass_bench_" + HexFormat.of().formatHex(random);
    execute("CREATE SCHEMA " + schema);
    PGConnectionPoolDataSource dataSource = new PGConnectionPoolDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    dataSource.setCurrentSchema(schema);
    dataSource.setReWriteBatchedInserts(true);
    dataSource.setApplicationName(APPLICATION);
    pool = JdbcConnectionPool.create(dataSource);
    pool.setMaxConnections(32);
    storage = JdbcStorage.builder(statements.counting(pool)).tablePrefix(PREFIX).build();
    if (storage.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalStateException("the benchmarks run on PostgreSQL, not " + storage.dialect());
    }
  }

  static BenchmarkDatabase create() {
    try {
      return new BenchmarkDatabase();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a benchmark schema: " + e.getMessage(), e);
    }
  }

  JdbcStorage storage() {
    return storage;
  }

  /** The statements the storage's connections have executed so far. */
  long statements() {
    return statements.count();
  }

  /** The connection pool, for benchmarks that build an SDK on it. */
  JdbcConnectionPool pool() {
    return pool;
  }

  /**
   * The CPU time, in nanoseconds, that the server processes of the benchmark's open connections
   * have used, by process id (read from {@code /proc}, so only for a server on this machine;
   * empty otherwise).
   */
  java.util.Map<Integer, Long> serverCpuNanos() {
    java.util.Map<Integer, Long> cpu = new java.util.HashMap<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity"
            + " WHERE application_name = '" + APPLICATION + "'")) {
      while (rs.next()) {
        int pid = rs.getInt(1);
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Integer.toString(pid), "stat");
        try {
          String line = java.nio.file.Files.readString(stat);
          String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
          // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          cpu.put(pid, ticks * 10_000_000L); // USER_HZ is 100 on Linux
        } catch (java.io.IOException | RuntimeException e) {
          // not on this machine, or gone
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the server processes: " + e.getMessage(), e);
    }
    return cpu;
  }

  /** Runs statements on the benchmark schema ({@code {p}} stands for the table prefix). */
  void run(String... statements) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement.replace("{p}", PREFIX));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("bulk statement failed: " + e.getMessage(), e);
    }
  }

  /**
   * Updates the planner's statistics of every table of the schema ({@code ANALYZE}), as
   * autovacuum's autoanalyze keeps them on a server that runs it (PostgreSQL's default).
   */
  void analyze() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      java.util.List<String> tables = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables"
          + " WHERE schemaname = '" + schema + "'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        s.execute("ANALYZE " + schema + "." + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot analyze the benchmark schema: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.dispose();
    try {
      execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop benchmark schema " + schema + ": " + e.getMessage());
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
