package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Withdraws a delivery the signed-in user sent. */
@Command(name = "withdraw", description = "Withdraw a delivery you sent: nobody can open or"
    + " download it any more, its files and keys are deleted, and waiting grants are cancelled."
    + " At levels 3 and 4 you sign the withdrawal, which asks for your SecuPass.")
public final class WithdrawCommand extends HostCommand {
  @Parameters(paramLabel = "DELIVERY", description = "The delivery's id.")
  String delivery = "";

  @Override
  protected void run(Invocation invocation) {
    DeliveryId id = DeliveryId.of(delivery);
    try {
      invocation.sdk().deliveries().withdraw(invocation.user(), id);
    } catch (UnlockRequiredException e) {
      // Levels 3-4: the withdrawal is signed with the sender's keys.
      try (SecuPassSession session = invocation.unlock()) {
        invocation.sdk().deliveries().withdraw(invocation.user(), session, id);
      }
    }
    invocation.result(() -> "withdrew delivery " + id + ": nobody can open it any more",
        Json.map("id", id, "state", "withdrawn"));
  }
}
