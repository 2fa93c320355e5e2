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
    long opened;
    long done;
    try (Invocation invocation = root.invocation(spec)) {
      opened = System.nanoTime();
      run(invocation);
      invocation.deliverMail();
      invocation.finish();
      done = System.nanoTime();
    }
    if (root.environment().variable(StartupTimes.VARIABLE).isPresent()) {
      StartupTimes.print(spec.commandLine().getErr(), start, opened, done,
          System.nanoTime());
    }
    return ExitCode.OK.code();
  }

  /** The command's work. */
  protected abstract void run(Invocation invocation) throws Exception;
}
