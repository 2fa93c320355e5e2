package dev.secupass.samples.cli;

import dev.secupass.samples.cli.io.SecretPrompt;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app takes from its process: environment variables, the console it asks secrets on, and
 * the clock. Tests hand in their own, so nothing is read from globals inside the app.
 *
 * @param variables the environment variables
 * @param prompt where secrets are typed
 * @param clock the SDK's clock
 * @param input standard input (a link given as {@code -} is read from it)
 * @param terminal whether a person watches the output on a terminal (progress bars are drawn
 *     only then)
 */
public record CliEnvironment(Map<String, String> variables, SecretPrompt prompt, Clock clock,
    InputStream input, boolean terminal) {
  public CliEnvironment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(input, "input");
  }

  /** The process's environment, console and the system clock. */
  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), SecretPrompt.console(), Clock.systemUTC(),
        System.in, SecretPrompt.hasTerminal());
  }

  /** A variable's value, if it is set and not empty. */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
  }
}
