package dev.secupass.samples.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** How a person starts this app again: {@code java -jar <the jar>}, as they ran it. */
public final class Launcher {
  private Launcher() {}

  /**
   * {@code java -jar samples/cli/target/secupass-cli.jar} with the jar's path relative to the
   * working folder where it is below it, or {@code secupass} when the app does not run from a jar
   * (in tests).
   */
  public static String command() {
    try {
      Path code = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      if (!code.toString().endsWith(".jar")) {
        return "secupass";
      }
      Path here = Path.of("").toAbsolutePath();
      return "java -jar " + (code.startsWith(here) ? here.relativize(code) : code);
    } catch (URISyntaxException | RuntimeException e) {
      return "secupass";
    }
  }
}
