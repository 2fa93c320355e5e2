/**
 * The JDBC storage adapter: {@link dev.secupass.storage.jdbc.JdbcStorage} (every metadata store
 * of the SPI on the host's {@link javax.sql.DataSource}) and {@link
 * dev.secupass.storage.jdbc.JdbcBlobStore} (blob content in the same database, streamed in
 * fixed-size chunks). PostgreSQL, MariaDB/MySQL and H2 are supported; see {@link
 * dev.secupass.storage.jdbc.Dialect} and {@code docs/storage-jdbc.md}.
 */
@NullMarked
package dev.secupass.storage.jdbc;

import org.jspecify.annotations.NullMarked;
