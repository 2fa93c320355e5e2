package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.StorageException;
import dev.secupass.spi.Room;
import dev.secupass.tck.Samples;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations: applied on start or by an explicit call, idempotent, per table prefix, in a
 * schema that already holds other tables; the dialect detected from the database.
 */
abstract class MigrationTest {
  private static final Instant NOW = Instant.parse("2031-05-01T10:00:00Z");

  abstract DatabaseFixture db();

  @Test
  @DisplayName("build() detects the dialect from the database's metadata")
  void build_withoutDialect_detectsItFromMetadata() {
    JdbcStorage storage = JdbcStorage.builder(db().database().dataSource())
        .tablePrefix(DatabaseFixture.PREFIX).migrateOnStart(false).build();
    assertThat(storage.dialect()).isEqualTo(db().dialect());
  }

  @Test
  @DisplayName("A new prefix in a schema that holds other tables migrates; migrating again applies"
      + " nothing")
  void migrate_newPrefixInUsedSchema_appliesOnceThenNothing() {
    JdbcStorage storage = withPrefix(freshPrefix()).migrateOnStart(false).build();
    assertThat(storage.migrate()).as("every migration, V1 on").isPositive();
    assertThat(storage.migrate()).isZero();
  }

  @Test
  @DisplayName("Storages with different prefixes in one schema do not see each other's rows")
  void tablePrefix_separatesStoragesInOneSchema() {
    JdbcStorage first = withPrefix(freshPrefix()).build();
    JdbcStorage second = withPrefix(freshPrefix()).build();
    Room room = Samples.room(Samples.roomId(), Samples.user(), NOW);
    first.rooms().create(room);
    assertThat(first.rooms().find(room.id())).contains(room);
    assertThat(second.rooms().find(room.id())).isEmpty();
  }

  @Test
  @DisplayName("The empty prefix works: no table or column name is a reserved word")
  void tablePrefix_empty_migratesAndStores() {
    JdbcStorage storage = withPrefix("").build();
    Room room = Samples.room(Samples.roomId(), Samples.user(), NOW);
    storage.rooms().create(room);
    assertThat(storage.rooms().find(room.id())).contains(room);
    assertThat(storage.tablePrefix()).isEmpty();
  }

  @Test
  @DisplayName("Without migrations a store call fails as a storage error that retrying cannot fix")
  void storeCall_unmigratedPrefix_throwsNonRetryableStorageException() {
    JdbcStorage storage = withPrefix(freshPrefix()).migrateOnStart(false).build();
    assertThatThrownBy(() -> storage.rooms().find(Samples.roomId()))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.retryable()).as("retryable").isFalse());
  }

  private JdbcStorage.Builder withPrefix(String prefix) {
    return db().builder(db().database().dataSource()).tablePrefix(prefix).migrateOnStart(true);
  }

  private static String freshPrefix() {
    return "m" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
  }
}
