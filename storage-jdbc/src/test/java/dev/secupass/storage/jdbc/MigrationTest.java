package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.StorageException;
import dev.secupass.api.PageRequest;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.storage.jdbc.internal.Migrations;
import dev.secupass.tck.Samples;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import javax.sql.DataSource;
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
    assertThat(storage.migrate()).isEqualTo(migrationScripts());
    assertThat(storage.migrate()).isZero();
  }

  @Test
  @DisplayName("A schema at version 1 migrates on: its rooms keep their name under epoch 1 at"
      + " revision 1, and can be renamed and listed by folder")
  void migrate_fromVersionOne_keepsRoomsUsable() throws Exception {
    String prefix = freshPrefix();
    DataSource dataSource = db().database().dataSource();
    assertThat(Migrations.migrate(dataSource, db().dialect(), prefix, "1")).isEqualTo(1);
    Room room = Samples.room(Samples.roomId(), Samples.user(), NOW);
    try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
        "INSERT INTO " + prefix + "room (id, created_by, created_at, epoch, name)"
            + " VALUES (?, ?, ?, 1, ?)")) {
      insert.setString(1, room.id().value());
      insert.setString(2, room.createdBy().value());
      insert.setObject(3, LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
      insert.setBytes(4, room.name());
      insert.executeUpdate();
    }

    JdbcStorage storage = withPrefix(prefix).build();

    Room stored = storage.rooms().find(room.id()).orElseThrow();
    assertThat(stored).isEqualTo(room.withRevision(1));
    Room advanced = storage.rooms().advanceEpoch(room.id(), 1);
    assertThat(storage.rooms().updateRoom(advanced.withName(Samples.bytes(9), 2)).revision())
        .isEqualTo(3);
    RoomEntry folder = storage.rooms().createEntry(
        Samples.folder(room.id(), Samples.fileId(), null, NOW));
    RoomEntry file = storage.rooms().createEntry(
        Samples.file(room.id(), Samples.fileId(), folder.id(), NOW));
    assertThat(storage.rooms().entriesIn(room.id(), folder.id(), PageRequest.first(5)).items())
        .containsExactly(file);
    assertThat(storage.rooms().entriesIn(room.id(), null, PageRequest.first(5)).items())
        .containsExactly(folder);
  }

  @Test
  @DisplayName("The list of bundled versions the quick check expects is the list of scripts")
  void bundledVersions_areTheScripts() {
    assertThat(Migrations.BUNDLED_VERSIONS).containsExactlyElementsOf(migrationVersions());
  }

  @Test
  @DisplayName("A current schema opens with one query of the history table and no Flyway run;"
      + " a missing, older or failed history goes to Flyway")
  void currentSchema_skipsFlyway_otherStatesDoNot() throws Exception {
    String prefix = freshPrefix();
    DataSource dataSource = db().database().dataSource();
    AtomicInteger connections = new AtomicInteger();
    AtomicInteger metadata = new AtomicInteger();
    DataSource counted = counting(dataSource, connections, metadata);
    assertThat(Migrations.isCurrent(dataSource, db().dialect(), prefix)).as("no history").isFalse();
    Migrations.migrate(dataSource, db().dialect(), prefix, "1");
    assertThat(Migrations.isCurrent(dataSource, db().dialect(), prefix)).as("at 1").isFalse();
    assertThat(Migrations.migrate(counted, db().dialect(), prefix))
        .isEqualTo(migrationScripts() - 1);
    assertThat(metadata.get()).as("Flyway ran on the older schema").isPositive();
    assertThat(Migrations.isCurrent(dataSource, db().dialect(), prefix)).as("current").isTrue();

    connections.set(0);
    metadata.set(0);
    assertThat(Migrations.migrate(counted, db().dialect(), prefix)).isZero();
    assertThat(connections.get()).as("the quick check's connections").isEqualTo(1);
    assertThat(metadata.get()).as("Flyway did not run").isZero();

    String q = db().dialect() == Dialect.MARIADB ? "`" : "\"";
    try (Connection c = dataSource.getConnection(); Statement update = c.createStatement()) {
      update.executeUpdate("UPDATE " + q + prefix + "schema_history" + q + " SET " + q + "success"
          + q + " = " + (db().dialect() == Dialect.MARIADB ? "0" : "FALSE") + " WHERE " + q
          + "version" + q + " = '" + Migrations.BUNDLED_VERSIONS.get(
              Migrations.BUNDLED_VERSIONS.size() - 1) + "'");
    }
    assertThat(Migrations.isCurrent(dataSource, db().dialect(), prefix)).as("failed").isFalse();
    assertThatThrownBy(() -> Migrations.migrate(dataSource, db().dialect(), prefix))
        .isInstanceOf(StorageException.class).hasMessageContaining("failed");
  }

  @Test
  @DisplayName("With the quick check switched off, Flyway checks a current schema as before")
  void alwaysRunFlyway_checksACurrentSchemaWithFlyway() {
    String prefix = freshPrefix();
    DataSource dataSource = db().database().dataSource();
    Migrations.migrate(dataSource, db().dialect(), prefix);
    AtomicInteger metadata = new AtomicInteger();
    DataSource counted = counting(dataSource, new AtomicInteger(), metadata);
    System.setProperty(Migrations.ALWAYS_RUN_FLYWAY, "true");
    try {
      assertThat(Migrations.migrate(counted, db().dialect(), prefix)).isZero();
    } finally {
      System.clearProperty(Migrations.ALWAYS_RUN_FLYWAY);
    }
    assertThat(metadata.get()).as("Flyway ran").isPositive();
  }

  @Test
  @DisplayName("Storages with different prefixes in one schema do not see each other's rows")
  void tablePrefix_separatesStoragesInOneSchema() {
    JdbcStorage first = withPrefix(freshPrefix()).build();
    JdbcStorage second = withPrefix(freshPrefix()).build();
    Room room = first.rooms().create(Samples.room(Samples.roomId(), Samples.user(), NOW));
    assertThat(first.rooms().find(room.id())).contains(room);
    assertThat(second.rooms().find(room.id())).isEmpty();
  }

  @Test
  @DisplayName("The empty prefix works: no table or column name is a reserved word")
  void tablePrefix_empty_migratesAndStores() {
    JdbcStorage storage = withPrefix("").build();
    Room room = storage.rooms().create(Samples.room(Samples.roomId(), Samples.user(), NOW));
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

  /** How many migration scripts there are. */
  static int migrationScripts() {
    URL url = MigrationTest.class.getClassLoader()
        .getResource("dev/secupass/storage/jdbc/db-migration/schema");
    try (Stream<Path> scripts = Files.list(Path.of(url.toURI()))) {
      return (int) scripts.filter(p -> p.getFileName().toString().matches("V.*__.*\\.sql"))
          .count();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the migrations in " + url, e);
    }
  }

  /**
   * {@code dataSource}, counting the connections taken from it in {@code connections} and the
   * reads of a connection's metadata in {@code metadata} (Flyway reads it first thing; the quick
   * check never does).
   */
  private static DataSource counting(DataSource dataSource, AtomicInteger connections,
      AtomicInteger metadata) {
    return (DataSource) Proxy.newProxyInstance(MigrationTest.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = invoke(method, dataSource, args);
          if (method.getName().equals("getConnection")) {
            connections.incrementAndGet();
            Connection connection = (Connection) result;
            return Proxy.newProxyInstance(MigrationTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (inner, call, callArgs) -> {
                  if (call.getName().equals("getMetaData")) {
                    metadata.incrementAndGet();
                  }
                  return invoke(call, connection, callArgs);
                });
          }
          return result;
        });
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The versions of the migration scripts, in order. */
  static List<String> migrationVersions() {
    URL url = MigrationTest.class.getClassLoader()
        .getResource("dev/secupass/storage/jdbc/db-migration/schema");
    try (Stream<Path> scripts = Files.list(Path.of(url.toURI()))) {
      return scripts.map(p -> p.getFileName().toString()).filter(n -> n.matches("V.*__.*\\.sql"))
          .map(n -> n.substring(1, n.indexOf("__")))
          .sorted(Comparator.comparing(BigDecimal::new)).toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the migrations in " + url, e);
    }
  }

  private static String freshPrefix() {
    return "m" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
  }
}
