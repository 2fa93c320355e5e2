package dev.secupass.storage.jdbc.internal;

import dev.secupass.storage.jdbc.Dialect;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What differs between the dialects: detection, column types, and upserts. */
public final class SqlDialect {
  private SqlDialect() {}

  /**
   * The dialect of a connected database, from its product name.
   *
   * @throws IllegalArgumentException if the database is not one of the supported ones
   */
  public static Dialect detect(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgresql")) {
      return Dialect.POSTGRESQL;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return Dialect.MARIADB;
    }
    if (product.equals("h2")) {
      return Dialect.H2;
    }
    throw new IllegalArgumentException("unsupported database '" + metaData.getDatabaseProductName()
        + "': SecuPass JDBC storage supports PostgreSQL, MariaDB/MySQL and H2");
  }

  /**
   * The column types of the dialect, by the placeholder names the migrations use (their header
   * says what each holds).
   *
   * @param textCollation MariaDB/MySQL only: the binary, non-padding utf8mb4 collation
   */
  public static Map<String, String> columnTypes(Dialect dialect, String textCollation) {
    Map<String, String> types = new HashMap<>();
    for (int length : new int[] {16, 64, 100, 200, 320}) {
      types.put("text" + length,
          "VARCHAR(" + length + ")" + (dialect == Dialect.POSTGRESQL ? " COLLATE \"C\"" : ""));
    }
    types.put("flag", "CHAR(1)");
    switch (dialect) {
      case POSTGRESQL -> {
        types.put("bytes", "BYTEA");
        types.put("hash", "BYTEA");
        types.put("chunk", "BYTEA");
        types.put("time", "TIMESTAMP(6)");
        types.put("serial", "BIGINT GENERATED ALWAYS AS IDENTITY");
        types.put("table_options", "");
      }
      case MARIADB -> {
        types.put("bytes", "LONGBLOB");
        types.put("hash", "VARBINARY(512)");
        types.put("chunk", "LONGBLOB");
        types.put("time", "DATETIME(6)");
        types.put("serial", "BIGINT NOT NULL AUTO_INCREMENT");
        types.put("table_options",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + textCollation);
      }
      case H2 -> {
        types.put("bytes", "VARBINARY");
        types.put("hash", "VARBINARY");
        // H2 keeps a VARBINARY inline in its pages, which values of a megabyte bloat.
        types.put("chunk", "BLOB");
        types.put("time", "TIMESTAMP(6)");
        types.put("serial", "BIGINT GENERATED ALWAYS AS IDENTITY");
        types.put("table_options", "");
      }
    }
    return types;
  }

  /**
   * An insert that replaces the row with the same key, atomically even under concurrent calls.
   * Binds each column as {@code :column}.
   */
  public static String upsert(
      Dialect dialect, String table, List<String> keyColumns, List<String> otherColumns) {
    List<String> all = new ArrayList<>(keyColumns);
    all.addAll(otherColumns);
    String columns = String.join(", ", all);
    String values = all.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
    return switch (dialect) {
      case POSTGRESQL -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")"
          + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO UPDATE SET "
          + otherColumns.stream().map(c -> c + " = EXCLUDED." + c)
              .collect(Collectors.joining(", "));
      case MARIADB -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")"
          + " ON DUPLICATE KEY UPDATE "
          + otherColumns.stream().map(c -> c + " = VALUES(" + c + ")")
              .collect(Collectors.joining(", "));
      case H2 -> "MERGE INTO " + table + " (" + columns + ") KEY ("
          + String.join(", ", keyColumns) + ") VALUES (" + values + ")";
    };
  }
}
