package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("mariadb")
@DisplayName("MariaDB")
class MariaDbTest extends JdbcConformance {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.MARIADB);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
