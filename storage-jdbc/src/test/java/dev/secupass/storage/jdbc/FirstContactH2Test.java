package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("h2")
@DisplayName("First contact on H2")
class FirstContactH2Test extends FirstContactOnJdbc {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.H2);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
