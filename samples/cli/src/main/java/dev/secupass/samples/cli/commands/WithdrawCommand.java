package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryId;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Withdraws a delivery the signed-in user sent. */
@Command(name = "withdraw", description = "Withdraw a delivery you sent: nobody can open or"
    + " download it any more, its files are deleted, and waiting grants are cancelled.")
public final class WithdrawCommand extends HostCommand {
  @Parameters(paramLabel = "DELIVERY", description = "The delivery's id.")
  String delivery = "";

  @Override
  protected void run(Invocation invocation) {
    DeliveryId id = DeliveryId.of(delivery);
    invocation.sdk().deliveries().withdraw(invocation.user(), id);
    invocation.result(() -> "withdrew delivery " + id + ": nobody can open it any more",
        Json.map("id", id, "state", "withdrawn"));
  }
}
