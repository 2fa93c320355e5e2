package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.KeyRecord;
import dev.secupass.tck.Samples;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A host on PostgreSQL, as Maven resolves it from the POM: without H2 and without Flyway's MySQL
 * support, which the JDBC storage declares optional. Runs in a JVM of its own whose class path is
 * this module's test class path minus those two jars.
 */
@Tag("postgresql")
@DisplayName("A host on PostgreSQL, without H2 and Flyway's MySQL support")
class OptionalDependenciesTest {
  private static String output;
  private static int exit;

  @BeforeAll
  static void runHostWithoutTheOptionalJars() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path");
    assertThat(classPath).as("Surefire's test class path").isNotNull();
    List<String> entries = Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.contains("/com/h2database/") && !entry.contains("flyway-mysql"))
        .toList();
    assertThat(entries).hasSizeLessThan(classPath.split(File.pathSeparator).length);
    DatabaseServer postgres = DatabaseServer.of(Dialect.POSTGRESQL);
    DatabaseServer mariadb = DatabaseServer.of(Dialect.MARIADB);
    ProcessBuilder host = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, entries),
        PostgreSqlHost.class.getName(),
        postgres.url(), postgres.user(), mariadb.url(), mariadb.user(),
        Files.createTempDirectory("secupass-embedded").toString())
        .redirectErrorStream(true);
    host.environment().put("POSTGRES_PASSWORD", postgres.password());
    host.environment().put("MARIADB_PASSWORD", mariadb.password());
    Process process = host.start();
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    exit = process.exitValue();
  }

  @Test
  @DisplayName("works on PostgreSQL: migrates and stores")
  void postgresql_withoutTheOptionalJars_migratesAndStores() {
    assertThat(output).contains("postgresql: stored and found a key record");
    assertThat(exit).as(output).isZero();
  }

  @Test
  @DisplayName("the embedded default fails naming com.h2database:h2")
  void embedded_withoutH2_failsNamingTheArtifact() {
    assertThat(output).contains("embedded: IllegalStateException: The embedded default (H2)"
        + " needs com.h2database:h2 on the class path");
  }

  @Test
  @DisplayName("MariaDB fails naming org.flywaydb:flyway-mysql, before changing the database")
  void mariadb_withoutFlywayMysql_failsNamingTheArtifact() {
    assertThat(output).contains("mariadb: IllegalStateException: Migrating a MariaDB or MySQL"
        + " database needs org.flywaydb:flyway-mysql on the class path");
  }

  /** The host, in the child JVM: PostgreSQL works, the other two say what is missing. */
  static final class PostgreSqlHost {
    public static void main(String[] args) throws Exception {
      try {
        JdbcStorage.embedded(Path.of(args[4])).close();
        System.out.println("embedded: opened without H2?");
      } catch (IllegalStateException e) {
        System.out.println("embedded: IllegalStateException: " + e.getMessage());
      }
      MariaDbDataSource mariadb = new MariaDbDataSource(args[2]);
      mariadb.setUser(args[3]);
      mariadb.setPassword(System.getenv("MARIADB_PASSWORD"));
      try (JdbcStorage storage = JdbcStorage.builder(mariadb).build()) {
        System.out.println("mariadb: migrated without Flyway's MySQL support?");
      } catch (IllegalStateException e) {
        System.out.println("mariadb: IllegalStateException: " + e.getMessage());
      }
      postgresql(args[0], args[1], System.getenv("POSTGRES_PASSWORD"));
    }

    private static void postgresql(String url, String user, String password) throws Exception {
      byte[] random = new byte[6];
      new SecureRandom().nextBytes(random);
      String schema = "secupass_optional_" + HexFormat.of().formatHex(random);
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      try {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setCurrentSchema(schema);
        try (JdbcStorage storage = JdbcStorage.builder(dataSource).build()) {
          UserId user1 = Samples.user();
          KeyRecord record = Samples.keyRecord(user1, KeyVersion.FIRST,
              Instant.now().truncatedTo(ChronoUnit.MILLIS));
          storage.keys().create(record);
          if (storage.keys().findActive(user1).isPresent()) {
            System.out.println("postgresql: stored and found a key record");
          }
        }
      } finally {
        try (Connection c = DriverManager.getConnection(url, user, password);
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
  }
}
