package dev.secupass.samples.cli.commands;

import dev.secupass.core.grants.PendingGrant;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** The grants the signed-in user can fulfil. */
@Command(name = "grants", description = "List the grants waiting for you: recipients who need a"
    + " delivery's or room's key from you. 'unlock' releases the ready ones.")
public final class GrantsCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    List<PendingGrant> pending = GrantLines.pending(invocation);
    if (invocation.json()) {
      invocation.result(() -> "", pending.stream().map(grant -> Json.map("id", grant.id(),
          "recipient", invocation.name(grant.recipient()),
          "delivery", grant.forDelivery().orElse(null), "room", grant.forRoom().orElse(null),
          "state", grant.state().name().toLowerCase(Locale.ROOT),
          "next_step", GrantLines.describe(invocation, grant))).toList());
      return;
    }
    if (pending.isEmpty()) {
      invocation.out().println("no pending grants");
    }
    for (PendingGrant grant : pending) {
      invocation.out().println(GrantLines.describe(invocation, grant));
    }
  }
}
