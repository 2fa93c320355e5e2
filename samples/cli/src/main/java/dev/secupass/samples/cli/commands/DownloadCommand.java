package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryId;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Downloads a delivery's files. */
@Command(name = "download", description = "Download and decrypt a delivery's files (at levels 3-4"
    + " after your SecuPass). Each file is verified as it streams; --resume continues an"
    + " interrupted one.")
public final class DownloadCommand extends HostCommand {
  @Parameters(paramLabel = "DELIVERY", description = "The delivery's id.")
  String delivery = "";

  @Mixin
  SaveOptions save = new SaveOptions();

  @Override
  protected void run(Invocation invocation) throws Exception {
    try (Opened opened = Opened.forUser(invocation, DeliveryId.of(delivery))) {
      invocation.field("id", delivery);
      opened.save(invocation, save.files, save.folder, save.resume, save.overwrite);
    }
  }
}
