package dev.secupass.samples.cli;

import dev.secupass.samples.cli.io.Interruption;

/** Runs the app in this process: {@code java -jar secupass-cli.jar [options] command}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartupTimes.mainStarted();
    Interruption.install(System.err);
    int code = SecuPassCli.commandLine(CliEnvironment.system()).execute(args);
    Interruption.finish();
    System.exit(code);
  }
}
