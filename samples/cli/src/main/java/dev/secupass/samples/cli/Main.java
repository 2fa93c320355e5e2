package dev.secupass.samples.cli;

import dev.secupass.samples.cli.io.Interruption;
import java.util.Arrays;

/** Runs the app in this process: {@code java -jar secupass-cli.jar [options] command}. */
public final class Main {
  /**
   * H2's setting of how long closing the embedded database may compact its file. H2's 200 ms was
   * the largest part of a command's closing; a command closes without compacting (H2 reuses the
   * file's free space), and {@code sweep}, the maintenance command, compacts as before. Set on the
   * command line ({@code -Dh2.maxCompactTime=200}), it wins.
   */
  static final String H2_MAX_COMPACT_TIME = "h2.maxCompactTime";

  private Main() {}

  public static void main(String[] args) {
    StartupTimes.mainStarted();
    if (System.getProperty(H2_MAX_COMPACT_TIME) == null
        && !Arrays.asList(args).contains("sweep")) {
      System.setProperty(H2_MAX_COMPACT_TIME, "0");
    }
    Interruption.install(System.err);
    int code = SecuPassCli.commandLine(CliEnvironment.system(), args).execute(args);
    Interruption.finish();
    System.exit(code);
  }
}
