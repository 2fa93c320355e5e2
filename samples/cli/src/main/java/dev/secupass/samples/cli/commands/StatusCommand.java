package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PageRequest;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** A sent delivery's recipients and audit trail. */
@Command(name = "status", description = "For a delivery you sent: where each recipient stands,"
    + " and who opened or tried to open it (the audit trail).")
public final class StatusCommand extends HostCommand {
  @Parameters(paramLabel = "DELIVERY", description = "The delivery's id.")
  String delivery = "";

  @Override
  protected void run(Invocation invocation) {
    DeliveryId id = DeliveryId.of(delivery);
    PrintWriter out = invocation.out();
    out.println("recipients:");
    for (RecipientStatus status : invocation.sdk().deliveries()
        .recipientStatus(invocation.user(), id)) {
      out.println("  " + RecipientLines.describe(invocation, status));
    }
    out.println("audit trail:");
    for (AuditRecord entry : invocation.sdk().deliveries()
        .auditTrail(invocation.user(), id, PageRequest.first(PageRequest.MAX_LIMIT)).items()) {
      String actor = entry.knownActor().map(invocation::name).orElse("(link)");
      out.println("  " + entry.at() + "  " + actor + "  " + entry.action() + "  "
          + entry.outcome());
    }
  }
}
