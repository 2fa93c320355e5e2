package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PageRequest;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.ArrayList;
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
    invocation.say("recipients:");
    invocation.field("id", id).field("recipients", new ArrayList<>())
        .field("audit_trail", new ArrayList<>());
    for (RecipientStatus status : invocation.sdk().deliveries()
        .recipientStatus(invocation.user(), id)) {
      invocation.say("  " + RecipientLines.describe(invocation, status));
      invocation.add("recipients", RecipientLines.json(invocation, status));
    }
    invocation.say("audit trail:");
    for (AuditRecord entry : invocation.sdk().deliveries()
        .auditTrail(invocation.user(), id, PageRequest.first(PageRequest.MAX_LIMIT)).items()) {
      String actor = entry.knownActor().map(invocation::name).orElse("(link)");
      invocation.say("  " + entry.at() + "  " + actor + "  " + entry.action() + "  "
          + entry.outcome());
      invocation.add("audit_trail", Json.map("at", entry.at(),
          "actor", entry.knownActor().map(invocation::name).orElse(null),
          "action", entry.action(), "outcome", entry.outcome()));
    }
  }
}
