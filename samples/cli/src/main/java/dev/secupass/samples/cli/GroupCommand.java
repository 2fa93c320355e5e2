package dev.secupass.samples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it names them (a usage error). */
public abstract class GroupCommand implements Runnable {
  @Spec
  protected CommandSpec spec;

  @Override
  public final void run() {
    throw new ParameterException(spec.commandLine(), "choose one of: "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
