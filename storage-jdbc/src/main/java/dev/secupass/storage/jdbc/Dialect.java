package dev.secupass.storage.jdbc;

/**
 * The SQL databases {@link JdbcStorage} supports. Each has its own schema migrations; the
 * statements the stores run are the same except for upserts.
 */
public enum Dialect {
  /**
   * H2 2.x, embedded in the host's process (file or in-memory); the embedded default. Grant claims
   * use {@code SELECT ... FOR UPDATE SKIP LOCKED}, which H2 honours between the connections of
   * the one process that has the database open. Needs {@code com.h2database:h2}, an optional
   * dependency of this module.
   */
  H2,
  /** PostgreSQL 12 or newer. Grant claims use {@code SELECT ... FOR UPDATE SKIP LOCKED}. */
  POSTGRESQL,
  /**
   * MariaDB 10.6 or newer, or MySQL 8.0 or newer (the versions with {@code SKIP LOCKED}), with
   * InnoDB tables. Needs Flyway's MySQL support, {@code org.flywaydb:flyway-mysql}, an optional
   * dependency of this module.
   */
  MARIADB
}
