package dev.secupass.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("postgresql")
@DisplayName("Withdrawal attacks through the rows of PostgreSQL")
class WithdrawalAttacksPostgreSqlTest extends WithdrawalAttacks {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  @Override
  DatabaseFixture db() {
    return DB;
  }
}
