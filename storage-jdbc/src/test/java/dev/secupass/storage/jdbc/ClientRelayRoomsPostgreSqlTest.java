package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("postgresql")
@DisplayName("Data rooms through sdk.relay() driven by the browser client, on PostgreSQL")
class ClientRelayRoomsPostgreSqlTest extends ClientRelayRoomsContract {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
