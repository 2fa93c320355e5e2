package dev.secupass.samples.cli.commands;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.cli.SecuPassCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Creates a data folder: the only command besides {@code demo} that makes one, so a typo in
 * {@code --data} never silently starts a new store with a new at-rest key.
 */
@Command(name = "init", description = "Create the data folder of --data (owner-only): the host's"
    + " at-rest key, the database and the user directory. Every other command needs one that"
    + " exists.")
public final class InitCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SecuPassCli root = SecuPassCli.of(spec);
    boolean existed = root.dataFolderExists();
    try (Invocation invocation = root.invocation(spec, true)) {
      invocation.result(() -> existed
          ? "the data folder " + root.dataFolder() + " exists already; nothing changed"
          : "created the data folder " + root.dataFolder() + " (" + invocation.host().describe()
              + ")", Json.map("data_folder", root.dataFolder(), "created", !existed));
    }
    return ExitCode.OK.code();
  }
}
