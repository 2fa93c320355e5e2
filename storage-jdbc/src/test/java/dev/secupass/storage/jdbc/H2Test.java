package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("h2")
@DisplayName("H2 (file mode, embedded)")
class H2Test extends JdbcConformance {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.H2);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
