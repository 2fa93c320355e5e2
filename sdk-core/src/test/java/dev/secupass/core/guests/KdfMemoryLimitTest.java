package dev.secupass.core.guests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Argon2id memory is bounded for real: in a JVM with a 128 MiB heap, two concurrent guest sign-ins
 * with unknown usernames (each an Argon2id derivation of 64 MiB) do not run out of memory under
 * the default KDF limiter, and do when the budget is set beyond the heap (the test has teeth).
 */
class KdfMemoryLimitTest {

  private static Result run(String budget) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), ConcurrentSignIns.class.getName(), budget))
        .redirectErrorStream(true)
        .start();
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the child JVM ended; it printed: " + output).isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exit, String output) {}

  @Test
  void twoConcurrentSignInsWithUnknownUsernames_in128MiB_doNotRunOutOfMemory() throws Exception {
    Result limited = run("default");

    assertThat(limited.exit()).as(limited.output()).isZero();
  }

  @Test
  void withoutALimitThatFitsTheHeap_theSameSignInsRunOutOfMemory() throws Exception {
    Result unlimited = run(String.valueOf(1L << 30));

    assertThat(unlimited.exit()).as(unlimited.output()).isEqualTo(3);
  }
}
