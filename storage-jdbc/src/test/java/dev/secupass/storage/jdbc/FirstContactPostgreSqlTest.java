package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("postgresql")
@DisplayName("First contact on PostgreSQL")
class FirstContactPostgreSqlTest extends FirstContactOnJdbc {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
