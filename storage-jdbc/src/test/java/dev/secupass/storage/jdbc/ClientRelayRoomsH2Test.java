package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("h2")
@DisplayName("Data rooms through sdk.relay() driven by the browser client, on H2")
class ClientRelayRoomsH2Test extends ClientRelayRoomsContract {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.H2);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
