package dev.secupass.samples.cli.commands;

import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.mail.Links;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Opens a level-1 delivery by its link, without signing in. */
@Command(name = "open-link", description = "Open a level-1 delivery by its link, without signing"
    + " in, and download its files (or only show them with --list).")
public final class OpenLinkCommand extends HostCommand {
  @Parameters(paramLabel = "LINK", description = "The link from the e-mail (quote it); '-'"
      + " reads it from standard input and @FILE from a file, out of the shell's history.")
  String link = "";

  @Option(names = "--list", description = "Only show what it holds (this still counts as a"
      + " download).")
  boolean list;

  @Mixin
  SaveOptions save = new SaveOptions();

  @Override
  protected void run(Invocation invocation) throws Exception {
    Links.DeliveryLink parsed = Links.parseDelivery(invocation.link(link));
    try (Opened opened = Opened.byLink(invocation.sdk().deliveries()
        .openByLink(parsed.delivery(), parsed.token()))) {
      opened.describe(invocation);
      if (!list) {
        opened.save(invocation, save.files, save.folder, save.resume, save.overwrite);
      }
    }
  }
}
