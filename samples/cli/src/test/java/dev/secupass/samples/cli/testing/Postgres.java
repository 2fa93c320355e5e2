package dev.secupass.samples.cli.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A schema of its own on the test PostgreSQL server (127.0.0.1:5432, user postgres, database test,
 * as {@code .ci/run} starts it; {@code -Dsecupass.jdbc.postgresql.url}, {@code .user} and {@code
 * .password} point elsewhere), dropped on close.
 */
public final class Postgres implements AutoCloseable {
  private static final String KEY = "secupass.jdbc.postgresql.";

  private final String server = System.getProperty(KEY + "url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  private final String user = System.getProperty(KEY + "user", "postgres");
  private final String password = System.getProperty(KEY + "password", "");
  private final String schema;

  public Postgres() throws SQLException {
    byte[] tag = new byte[6];
    new SecureRandom().nextBytes(tag);
    schema = "samples_cli_" + HexFormat.of().formatHex(tag);
    execute("CREATE SCHEMA " + schema);
  }

  /** A URL whose connections work in the schema. */
  public String url() {
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The tables in the schema whose names start with {@code prefix}. */
  public List<String> tables(String prefix) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(server, user, password);
        ResultSet rows = connection.getMetaData().getTables(null, schema, prefix + "%",
            new String[] {"TABLE"})) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME"));
      }
    }
    return tables;
  }

  @Override
  public void close() throws SQLException {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
