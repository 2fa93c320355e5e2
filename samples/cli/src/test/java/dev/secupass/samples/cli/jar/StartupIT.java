package dev.secupass.samples.cli.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.testing.Jar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command does not load at start-up, through the jar (docs/cli.md, "Start-up time"): on a
 * data folder whose schema is current, {@code inbox} checks the schema with one query, without
 * Flyway, and never parses the at-rest key with Tink, since it seals and opens nothing with it.
 * Both come back with the switches that restore the old way, so the test fails if either stops
 * mattering. Speed itself is measured by {@code samples/cli/startup-time.sh}, not here.
 */
class StartupIT {
  @TempDir
  Path temp;

  @Test
  void inbox_onACurrentFolder_loadsNeitherFlywayNorTinksKeysetParser() throws IOException {
    Path data = temp.resolve("data");
    Jar setUp = new Jar(data);
    setUp.run("init").ok();
    setUp.run("users", "add", "alice", "--employee").ok();
    Path now = temp.resolve("now.log");
    Path old = temp.resolve("old.log");

    new Jar(data).jvm("-Xlog:class+load:file=" + now).run("--as", "alice", "inbox").ok();
    new Jar(data).jvm("-Xlog:class+load:file=" + old,
        "-Dsecupass.storage.jdbc.alwaysRunFlyway=true",
        "-Dsecupass.samples.eagerAtRestKey=true").run("--as", "alice", "inbox").ok();

    List<String> loadedNow = Files.readAllLines(now);
    List<String> loadedOld = Files.readAllLines(old);
    assertThat(loadedNow).noneMatch(line -> line.contains(" org.flywaydb."))
        .noneMatch(line -> line.contains(" com.google.crypto.tink.TinkJsonProtoKeysetFormat "));
    assertThat(loadedOld).anyMatch(line -> line.contains(" org.flywaydb.core.Flyway "))
        .anyMatch(line -> line.contains(" com.google.crypto.tink.TinkJsonProtoKeysetFormat "));
    assertThat(loadedNow.size()).as("classes loaded now, against the old way")
        .isLessThan(loadedOld.size());
  }
}
