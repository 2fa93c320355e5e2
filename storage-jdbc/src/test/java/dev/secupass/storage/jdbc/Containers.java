package dev.secupass.storage.jdbc;

import java.util.EnumMap;
import java.util.Map;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The optional Testcontainers servers ({@code -Dsecupass.jdbc.testcontainers=true}, needs Docker):
 * one container per dialect, started on first use and stopped when the JVM ends. CI does not use
 * them; it runs the servers on the machine.
 */
final class Containers {
  private static final Map<Dialect, JdbcDatabaseContainer<?>> STARTED = new EnumMap<>(Dialect.class);

  private Containers() {}

  static synchronized DatabaseServer server(Dialect dialect) {
    JdbcDatabaseContainer<?> container = STARTED.computeIfAbsent(dialect, d -> {
      JdbcDatabaseContainer<?> c = switch (d) {
        case POSTGRESQL -> new PostgreSQLContainer("postgres:16-alpine");
        case MARIADB -> new MariaDBContainer("mariadb:11.4").withUsername("root");
        case H2 -> throw new IllegalArgumentException("H2 runs embedded; it has no container");
      };
      c.start();
      return c;
    });
    return new DatabaseServer(
        container.getJdbcUrl(), container.getUsername(), container.getPassword());
  }
}
