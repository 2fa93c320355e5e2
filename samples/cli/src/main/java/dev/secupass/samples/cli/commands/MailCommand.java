package dev.secupass.samples.cli.commands;

import dev.secupass.core.events.HostEvent;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.cli.mail.Notices;
import dev.secupass.samples.host.DirectoryUser;
import java.util.ArrayList;
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
    if (events.isEmpty()) {
      invocation.say("no mail for " + owner.name());
    }
    Notices notices = invocation.notices();
    String to = owner.email().isEmpty() ? owner.name() : owner.email();
    invocation.field("mail", new ArrayList<>());
    for (HostEvent event : events) {
      List<String> lines = notices.mail(event, true);
      invocation.say("Date: " + event.at());
      invocation.say("To: " + to);
      lines.forEach(invocation::say);
      invocation.say("");
      invocation.add("mail", Json.map("date", event.at(), "to", to,
          "subject", lines.get(0).substring("Subject: ".length()),
          "body", String.join("\n", lines.subList(1, lines.size()))));
    }
  }
}
