package dev.secupass.samples.cli;

/** Runs the app in this process: {@code java -jar secupass-cli.jar [options] command}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(SecuPassCli.commandLine(CliEnvironment.system()).execute(args));
  }
}
