/**
 * SecuPass JDBC storage: every store of the storage SPI on Jdbi for PostgreSQL, MariaDB/MySQL and
 * H2, with Flyway migrations and a streamed blob store in the database. Only
 * {@code dev.secupass.storage.jdbc} is API; the implementation is not exported.
 */
// Jdbi, Flyway and H2 ship as automatic modules; Flyway's core jar has no Automatic-Module-Name,
// so its name is derived from the file name (see docs/storage-jdbc.md).
@SuppressWarnings("requires-automatic")
module dev.secupass.storage.jdbc {
  requires transitive dev.secupass.api;
  requires transitive java.sql;
  requires static transitive org.jspecify; // the nullness annotations are part of the API
  requires org.jdbi.v3.core;
  requires flyway.core;
  requires static com.h2database; // optional: the embedded default

  exports dev.secupass.storage.jdbc;
}
