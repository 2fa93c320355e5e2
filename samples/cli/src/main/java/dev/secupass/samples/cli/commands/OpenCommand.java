package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryId;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Opens a delivery and shows what it holds. */
@Command(name = "open", description = "Open a delivery sent to you: sender, subject, message and"
    + " files (at levels 3-4 after your SecuPass). Opening counts as a download.")
public final class OpenCommand extends HostCommand {
  @Parameters(paramLabel = "DELIVERY", description = "The delivery's id.")
  String delivery = "";

  @Override
  protected void run(Invocation invocation) {
    try (Opened opened = Opened.forUser(invocation, DeliveryId.of(delivery))) {
      opened.describe(invocation);
    }
  }
}
