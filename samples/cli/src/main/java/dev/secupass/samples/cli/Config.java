package dev.secupass.samples.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The configuration file: the root command's options as {@code OPTION=VALUE} lines ({@code
 * data=/srv/secupass}, {@code jdbc-url=jdbc:postgresql://...}, {@code s3-bucket=...}), so storage
 * settings are written once instead of on every command. {@code SECUPASS_CONFIG} names it, else
 * {@code ~/.secupass.properties} is read if it exists. An option on the command line wins over the
 * environment, which wins over the file. Secrets never go here: they have their own variables
 * and files.
 */
final class Config {
  /** The environment variable that names the file. */
  static final String VARIABLE = "SECUPASS_CONFIG";
  /** The file read when the variable is not set, in the home folder. */
  static final String DEFAULT_NAME = ".secupass.properties";

  private Config() {}

  /**
   * The file's settings; none if there is no file.
   *
   * @throws CliException with {@link ExitCode#SETUP} if a named file cannot be read
   */
  static Properties load(CliEnvironment environment) {
    Optional<String> named = environment.variable(VARIABLE);
    Properties properties = new Properties();
    Path file;
    if (named.isPresent()) {
      file = Path.of(named.get());
    } else {
      Optional<String> home = environment.variable("HOME");
      if (home.isEmpty() || !Files.isRegularFile(Path.of(home.get(), DEFAULT_NAME))) {
        return properties;
      }
      file = Path.of(home.get(), DEFAULT_NAME);
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CliException(ExitCode.SETUP, "cannot read the configuration file " + file + ": "
          + Failures.ofIo(e));
    }
    return properties;
  }
}
