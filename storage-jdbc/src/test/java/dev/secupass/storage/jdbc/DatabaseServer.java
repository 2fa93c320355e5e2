package dev.secupass.storage.jdbc;

import java.util.Locale;

/**
 * Where the tests find a database server of a dialect. By default the servers on this machine
 * (PostgreSQL 127.0.0.1:5432 user postgres, database test; MariaDB 127.0.0.1:3306 user root,
 * database test); a tester points them elsewhere with system properties:
 *
 * <pre>
 * -Dsecupass.jdbc.postgresql.url=jdbc:postgresql://db.example:5432/mydb
 * -Dsecupass.jdbc.postgresql.user=me -Dsecupass.jdbc.postgresql.password=secret
 * -Dsecupass.jdbc.mariadb.url=jdbc:mariadb://db.example:3306/mydb (and .user, .password)
 * </pre>
 *
 * With {@code -Dsecupass.jdbc.testcontainers=true} the servers are containers started by
 * Testcontainers instead (needs Docker). H2 needs no server.
 *
 * @param url the JDBC URL of a database the user may create schemas (PostgreSQL) or databases
 *     (MariaDB) in
 * @param user the user name
 * @param password the password
 */
record DatabaseServer(String url, String user, String password) {

  static DatabaseServer of(Dialect dialect) {
    if (Boolean.getBoolean("secupass.jdbc.testcontainers")) {
      return Containers.server(dialect);
    }
    String key = "secupass.jdbc." + dialect.name().toLowerCase(Locale.ROOT) + ".";
    return switch (dialect) {
      case POSTGRESQL -> new DatabaseServer(
          System.getProperty(key + "url", "jdbc:postgresql://127.0.0.1:5432/test"),
          System.getProperty(key + "user", "postgres"),
          System.getProperty(key + "password", ""));
      case MARIADB -> new DatabaseServer(
          System.getProperty(key + "url", "jdbc:mariadb://127.0.0.1:3306/test"),
          System.getProperty(key + "user", "root"),
          System.getProperty(key + "password", ""));
      case H2 -> throw new IllegalArgumentException("H2 runs embedded; it has no server");
    };
  }

  /** Leaves the password out. */
  @Override
  public String toString() {
    return url + " as " + user;
  }
}
