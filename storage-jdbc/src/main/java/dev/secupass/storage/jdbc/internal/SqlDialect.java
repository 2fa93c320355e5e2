package dev.secupass.storage.jdbc.internal;

import dev.secupass.storage.jdbc.Dialect;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What differs between the dialects: detection, the migration folder, and upserts. */
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

  /** The class-path location of the dialect's Flyway migrations. */
  public static String migrationLocation(Dialect dialect) {
    return "classpath:dev/secupass/storage/jdbc/db-migration/"
        + dialect.name().toLowerCase(Locale.ROOT);
  }

  /**
   * An insert that replaces the row with the same key, atomically even under concurrent calls.
   * Binds each column as {@code :column}.
   */
  public static String upsert(
      Dialect dialect, String table, List<String> keyColumns, List<String> otherColumns) {
    List<String> all = new java.util.ArrayList<>(keyColumns);
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
