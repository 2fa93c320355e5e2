package dev.secupass.samples.cli.commands;

import dev.secupass.api.Page;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import picocli.CommandLine.Command;

/** The deliveries addressed to the signed-in employee or partner. */
@Command(name = "inbox", description = "Deliveries sent to you, newest first (employees and"
    + " partners; guests open theirs from the e-mail).")
public final class InboxCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    Page<DeliverySummary> page = invocation.sdk().deliveries().inbox(invocation.user(),
        SummaryLines.PAGE);
    if (invocation.json()) {
      invocation.result(() -> "", page.items().stream()
          .map(summary -> SummaryLines.json(invocation, summary)).toList());
      return;
    }
    if (page.items().isEmpty()) {
      invocation.out().println("your inbox is empty");
    }
    for (DeliverySummary summary : page.items()) {
      invocation.out().println(SummaryLines.describe(invocation, summary, true));
    }
  }
}
