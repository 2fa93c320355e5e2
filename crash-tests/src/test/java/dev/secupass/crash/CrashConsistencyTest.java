package dev.secupass.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a host running the SDK's flows with SIGKILL at random points, restarts it, and checks
 * after every kill that nothing is half-written ({@link Invariants}). {@code
 * -Dsecupass.crash.kills} sets the kills per backend (10 in {@code mvn verify}; {@code
 * scripts/crash.sh} runs more); {@code -Dsecupass.crash.seed} replays a run, whose seed is printed.
 */
class CrashConsistencyTest {
  private static final String PG_URL = System.getProperty("secupass.jdbc.postgresql.url",
      "jdbc:postgresql://127.0.0.1:5432/test");

  @TempDir
  Path data;

  @Test
  void embeddedDefault_killedAtRandomPoints_keepsEveryInvariant() throws Exception {
    survives(new Backend(Backend.EMBEDDED, data, ""));
  }

  @Test
  void postgresql_killedAtRandomPoints_keepsEveryInvariant() throws Exception {
    String schema = "crash_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    execute("CREATE SCHEMA " + schema);
    try {
      survives(new Backend(Backend.POSTGRES, data,
          PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema));
    } finally {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void survives(Backend backend) throws Exception {
    long seed = seed();
    int kills = Integer.getInteger("secupass.crash.kills", 10);
    System.out.printf("crash run on %s: seed %d (replay with -Dsecupass.crash.seed=%d), %d kills%n",
        backend.kind(), seed, seed, kills);
    CrashHarness.Result result = new CrashHarness(backend, seed, System.out).run(kills);
    System.out.printf("crash run on %s: %d kills, landed in %s; %d violations;"
        + " %d blobs left by kills swept through the upload journal; %d orphaned blobs left%n",
        backend.kind(), result.kills(), result.landings(), result.violations().size(),
        result.swept(), result.orphans().size());
    result.violations().forEach(v -> System.out.println("  VIOLATION " + v));
    assertThat(result.violations()).as("seed " + seed).isEmpty();
  }

  private static long seed() {
    String given = System.getProperty("secupass.crash.seed", "");
    return given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim());
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_URL,
        System.getProperty("secupass.jdbc.postgresql.user", "postgres"),
        System.getProperty("secupass.jdbc.postgresql.password", ""));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
