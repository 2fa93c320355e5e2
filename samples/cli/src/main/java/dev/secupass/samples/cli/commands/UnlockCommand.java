package dev.secupass.samples.cli.commands;

import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import java.util.List;
import picocli.CommandLine.Command;

/** Unlocks the SecuPass, which releases every waiting grant the user can. */
@Command(name = "unlock", description = "Enter your SecuPass: releases deliveries and room keys"
    + " to recipients who chose their SecuPass since (the grant round trip).")
public final class UnlockCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    List<PendingGrant> before = GrantLines.pending(invocation);
    Timing.Timed<SecuPassSession> unlocked = Timing.of(invocation::unlock);
    try (SecuPassSession session = unlocked.value()) {
      invocation.say("unlocked " + invocation.name() + "'s SecuPass in " + unlocked.took());
      invocation.field("user", invocation.name()).field("unlocked", true)
          .field("seconds", unlocked.seconds());
      GrantRun run = invocation.sdk().grants().fulfil(session);
      GrantLines.report(invocation, before, run);
    }
  }
}
