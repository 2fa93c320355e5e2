package dev.secupass.samples.cli;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A failure the app itself detects, with the exit code it ends with. */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public CliException(ExitCode exitCode, @Nullable String message) {
    super(message);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
