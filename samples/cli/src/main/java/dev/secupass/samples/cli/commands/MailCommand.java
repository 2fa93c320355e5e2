package dev.secupass.samples.cli.commands;

import dev.secupass.core.events.HostEvent;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.mail.Notices;
import dev.secupass.samples.host.DirectoryUser;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The e-mails the host sent to an address, as its owner would read them. */
@Command(name = "mail", description = "The sample sends no real e-mail: show the mails the host"
    + " sent to ADDRESS, newest first, links included (a link or invitation token is a secret for"
    + " that mailbox's owner).")
public final class MailCommand extends HostCommand {
  @Parameters(paramLabel = "ADDRESS", description = "An e-mail address (or a directory name).")
  String address = "";

  @Override
  protected void run(Invocation invocation) {
    DirectoryUser owner = invocation.person(address);
    List<HostEvent> events = invocation.sdk().events().forUser(owner.id(), SummaryLines.PAGE)
        .items();
    PrintWriter out = invocation.out();
    if (events.isEmpty()) {
      out.println("no mail for " + owner.name());
    }
    Notices notices = invocation.notices();
    for (HostEvent event : events) {
      out.println("Date: " + event.at());
      out.println("To: " + (owner.email().isEmpty() ? owner.name() : owner.email()));
      notices.mail(event, true).forEach(out::println);
      out.println();
    }
  }
}
