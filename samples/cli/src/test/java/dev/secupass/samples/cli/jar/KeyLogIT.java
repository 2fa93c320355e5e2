package dev.secupass.samples.cli.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Jar;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secupass keylog} as the jar runs it on the embedded database: a log every key version went
 * into audits as sound (exit 0, the checkpoint and verifier key printed); the same log after one
 * leaf row was altered through the storage (as an operator with the database could) fails its
 * audit with the integrity exit code and one line of error.
 */
class KeyLogIT {
  private static final String ALICE = "alice keylog secupass 1";
  private static final String BOB = "bob keylog secupass 22";

  @TempDir
  Path temp;

  @Test
  void aSoundLogPasses_andALeafAlteredInTheDatabaseFailsWithOneLine() throws SQLException {
    Jar jar = new Jar(temp.resolve("data"));
    jar.run("init").ok();
    jar.run("users", "add", "alice", "--employee").ok();
    jar.run("users", "add", "bob", "--partner").ok();
    jar.env("SECUPASS_NEW_PASS", ALICE).run("--as", "alice", "activate").ok();
    jar.env("SECUPASS_NEW_PASS", BOB).run("--as", "bob", "activate").ok();
    jar.unset("SECUPASS_NEW_PASS");

    String sound = jar.run("keylog").ok();
    assertThat(sound).containsPattern("key log \\S+: 2 entries, \\d+ checkpoints checked")
        .contains("verifier key: ", "current checkpoint:", "sound: every checkpoint matches");
    assertThat(sound).doesNotContain(ALICE, BOB);

    alterFirstLeaf(jar.data());

    String error = jar.run("keylog").failed(ExitCode.INTEGRITY.code());
    assertThat(error).startsWith("error: the key log failed its audit: ")
        .doesNotContain("Exception", "java.");
  }

  /** Flips one bit of the first leaf row, straight in the H2 files the jar keeps its data in. */
  private static void alterFirstLeaf(Path data) throws SQLException {
    String url = "jdbc:h2:file:" + data.resolve("db").resolve("secupass").toAbsolutePath()
        + ";IFEXISTS=TRUE";
    String table = JdbcStorage.DEFAULT_TABLE_PREFIX + "key_log_leaf";
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      byte[] leaf;
      try (PreparedStatement read = connection.prepareStatement(
          "SELECT leaf FROM " + table + " WHERE leaf_index = 0");
          ResultSet rows = read.executeQuery()) {
        assertThat(rows.next()).as("the first leaf row").isTrue();
        leaf = rows.getBytes(1);
      }
      leaf[leaf.length - 1] ^= 1;
      try (PreparedStatement write = connection.prepareStatement(
          "UPDATE " + table + " SET leaf = ? WHERE leaf_index = 0")) {
        write.setBytes(1, leaf);
        assertThat(write.executeUpdate()).isEqualTo(1);
      }
    }
  }
}
