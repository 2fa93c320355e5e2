package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.StorageException;
import dev.secupass.storage.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Applies the schema migrations with Flyway. The schema is defined once, with its column types as
 * Flyway placeholders that {@link SqlDialect#columnTypes} fills in per dialect; a later change
 * that a dialect needs in its own words goes into a migration of its own, in a folder of that
 * dialect's. The history table is {@code <prefix>schema_history}, so several SecuPass schemas with
 * different prefixes (and the host's own Flyway history) live side by side. A schema that already
 * holds other tables is accepted: its history starts at version 0, before SecuPass's first
 * migration.
 *
 * <p>An open of a schema that is already current skips Flyway: one query of the history table
 * finds every bundled version applied and no failed migration ({@link #isCurrent}), and Flyway's
 * classes are not even loaded. Flyway's scan of the class path, its validation of every applied
 * script and its lock cost a command-line process most of its start-up. Any other state (no
 * history table, an older schema, a failed migration, a history the query cannot read) goes to
 * Flyway as before. What this skips is Flyway's check that the applied scripts' checksums match
 * the bundled ones: the scripts of a released version never change. The system property {@value
 * #ALWAYS_RUN_FLYWAY}{@code =true} runs Flyway on every open anyway (for comparisons).
 */
public final class Migrations {
  /**
   * The versions of the bundled migration scripts ({@code V<version>__*.sql} under {@link
   * #LOCATION}); a test keeps this list equal to the scripts. A new migration adds its version
   * here.
   */
  public static final List<String> BUNDLED_VERSIONS =
      List.of("1", "2", "3", "4", "5", "6", "8", "9", "10");

  /** The system property that turns the skip off: Flyway migrates and validates on every open. */
  public static final String ALWAYS_RUN_FLYWAY = "secupass.storage.jdbc.alwaysRunFlyway";

  /**
   * Where the migrations are: one definition of the schema, typed per dialect by placeholders.
   * (Flyway searches a location's sub-folders too: a folder of one dialect's migrations would be a
   * sibling, {@code db-migration/<dialect>}, added as a second location.)
   */
  private static final String LOCATION = "classpath:dev/secupass/storage/jdbc/db-migration/schema";

  private Migrations() {}

  /**
   * Brings the schema up to date.
   *
   * @return how many migrations were applied
   * @throws StorageException if a migration failed (it names the version); retryable when the
   *     database could not be reached
   */
  public static int migrate(DataSource dataSource, Dialect dialect, String prefix) {
    if (!Boolean.getBoolean(ALWAYS_RUN_FLYWAY) && isCurrent(dataSource, dialect, prefix)) {
      return 0;
    }
    return migrate(dataSource, dialect, prefix, "latest");
  }

  /**
   * Whether the schema of {@code prefix} has every bundled migration applied and no failed one,
   * read with one query of its history table. False when the table is missing or unreadable:
   * Flyway then decides (and reports what is wrong).
   */
  public static boolean isCurrent(DataSource dataSource, Dialect dialect, String prefix) {
    String quote = dialect == Dialect.MARIADB ? "`" : "\"";
    String query = "SELECT " + quote + "version" + quote + ", " + quote + "success" + quote
        + " FROM " + quote + prefix + "schema_history" + quote;
    Set<String> applied = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        String version = rows.getString(1);
        if (!rows.getBoolean(2)) {
          return false;
        }
        if (version != null) {
          applied.add(version);
        }
      }
    } catch (SQLException e) {
      return false;
    }
    return applied.containsAll(BUNDLED_VERSIONS);
  }

  /**
   * Brings the schema up to {@code targetVersion} ({@code "latest"} for all), for tests that
   * start from an older schema.
   */
  public static int migrate(DataSource dataSource, Dialect dialect, String prefix,
      String targetVersion) {
    requireFlywaySupport(dialect);
    return FlywayRun.migrate(dataSource, prefix, targetVersion,
        placeholders(dataSource, dialect, prefix));
  }

  /** Flyway's part, in a class of its own so that a current schema never loads Flyway. */
  private static final class FlywayRun {
    private FlywayRun() {}

    static int migrate(DataSource dataSource, String prefix, String targetVersion,
        Map<String, String> placeholders) {
      try {
        return Flyway.configure(Migrations.class.getClassLoader())
            .target(targetVersion)
            .dataSource(dataSource)
            .locations(LOCATION)
            .table(prefix + "schema_history")
            .placeholders(placeholders)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .loggers("slf4j")
            .load()
            .migrate()
            .migrationsExecuted;
      } catch (FlywayException e) {
        throw new StorageException("migrating the SecuPass schema (prefix '" + prefix
            + "') failed: " + e.getMessage(), SqlErrors.isTransient(e), e);
      }
    }
  }

  /** Flyway knows H2 itself; PostgreSQL and MariaDB/MySQL come in plugins of their own. */
  private static void requireFlywaySupport(Dialect dialect) {
    switch (dialect) {
      case POSTGRESQL -> ClassPath.require("org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
          "Migrating a PostgreSQL database", "org.flywaydb:flyway-database-postgresql");
      case MARIADB -> ClassPath.require("org.flywaydb.database.mysql.mariadb.MariaDBDatabaseType",
          "Migrating a MariaDB or MySQL database", "org.flywaydb:flyway-mysql");
      case H2 -> { }
    }
  }

  private static Map<String, String> placeholders(
      DataSource dataSource, Dialect dialect, String prefix) {
    Map<String, String> placeholders = new HashMap<>(SqlDialect.columnTypes(dialect,
        dialect == Dialect.MARIADB ? textCollation(dataSource) : ""));
    placeholders.put("prefix", prefix);
    return placeholders;
  }

  /**
   * The utf8mb4 collation that compares exactly: binary and without padding (a padding collation
   * finds {@code "a@b.org "} for {@code "a@b.org"}). MariaDB and MySQL name it differently.
   */
  private static String textCollation(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String product = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
      return product.toLowerCase(Locale.ROOT).contains("mariadb")
          ? "utf8mb4_nopad_bin"
          : "utf8mb4_0900_bin";
    } catch (SQLException e) {
      throw new StorageException("cannot reach the database to migrate it (SQLSTATE "
          + e.getSQLState() + ")", true, e);
    }
  }
}
