package dev.secupass.samples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the host: opens it, runs, sends the e-mails the run caused, and closes
 * it. Failures propagate to the root's handler, which prints one line and exits with its code.
 */
public abstract class HostCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    long start = System.nanoTime();
    SecuPassCli root = SecuPassCli.of(spec);
    try (Invocation invocation = root.invocation(spec)) {
      long opened = System.nanoTime();
      run(invocation);
      invocation.deliverMail();
      if (root.environment().variable(StartupTimes.VARIABLE).isPresent()) {
        StartupTimes.print(invocation.err(), start, opened, System.nanoTime());
      }
    }
    return ExitCode.OK.code();
  }

  /** The command's work. */
  protected abstract void run(Invocation invocation) throws Exception;
}
