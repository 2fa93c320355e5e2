package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("postgresql")
@DisplayName("the key log in the browser client through sdk.relay(), on PostgreSQL")
class ClientKeyLogPostgreSqlTest extends ClientKeyLogContract {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
