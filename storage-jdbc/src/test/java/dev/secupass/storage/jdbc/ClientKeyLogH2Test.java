package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("h2")
@DisplayName("the key log in the browser client through sdk.relay(), on H2")
class ClientKeyLogH2Test extends ClientKeyLogContract {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.H2);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
