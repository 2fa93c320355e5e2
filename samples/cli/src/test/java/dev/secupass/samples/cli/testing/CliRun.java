package dev.secupass.samples.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one run of the app did.
 *
 * @param exitCode its exit status
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record CliRun(int exitCode, String out, String err) {

  /** Asserts success and returns the output. */
  public String ok() {
    assertThat(exitCode).as("exit code; err: %s", err).isZero();
    return out;
  }

  /** Asserts that it failed with {@code code} and one line of error, and returns that line. */
  public String failed(int code) {
    assertThat(exitCode).as("exit code; out: %s; err: %s", out, err).isEqualTo(code);
    String[] lines = err.lines().filter(line -> !line.startsWith("warning: ")).toArray(
        String[]::new);
    assertThat(lines).as("error lines").hasSize(1);
    assertThat(lines[0]).startsWith("error: ");
    return lines[0];
  }

  /** Everything printed. */
  public String all() {
    return out + err;
  }
}
