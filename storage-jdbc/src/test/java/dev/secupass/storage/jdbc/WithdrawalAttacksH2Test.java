package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("h2")
@DisplayName("Withdrawal attacks through the rows of H2")
class WithdrawalAttacksH2Test extends WithdrawalAttacks {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.H2);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
