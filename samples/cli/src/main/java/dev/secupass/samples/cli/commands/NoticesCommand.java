package dev.secupass.samples.cli.commands;

import dev.secupass.core.events.HostEvent;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.cli.mail.Notices;
import java.util.List;
import picocli.CommandLine.Command;

/** The signed-in user's notices, newest first. */
@Command(name = "notices", description = "Your notices, newest first: new deliveries, recipients"
    + " waiting for you to release a delivery, downloads, rooms.")
public final class NoticesCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    List<HostEvent> events = invocation.sdk().events()
        .forUser(invocation.user().user(), SummaryLines.PAGE).items();
    if (invocation.json()) {
      Notices words = invocation.notices();
      invocation.result(() -> "", events.stream().map(event -> Json.map("at", event.at(),
          "notice", words.notice(event))).toList());
      return;
    }
    if (events.isEmpty()) {
      invocation.out().println("no notices");
    }
    Notices notices = invocation.notices();
    for (HostEvent event : events) {
      invocation.out().println(event.at() + "  " + notices.notice(event));
    }
  }
}
