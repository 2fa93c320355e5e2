package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("postgresql")
@DisplayName("sdk.relay() driven by the browser client, on PostgreSQL")
class ClientRelayPostgreSqlTest extends ClientRelayContract {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
