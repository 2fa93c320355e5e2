package dev.secupass.samples.cli.commands;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.KeyNotes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Pins a user's current keys after comparing fingerprints out of band. */
@Command(name = "verify", description = "After comparing fingerprints with USER (on a call, on"
    + " paper): pin their current keys and release the grants that waited for it.")
public final class VerifyCommand extends HostCommand {
  @Parameters(index = "0", paramLabel = "USER", description = "A name, or a guest's address.")
  String other = "";

  @Parameters(index = "1", paramLabel = "DIGITS", description = "The fingerprint USER read to you"
      + " (quote it: \"12345 67890 ...\").")
  String digits = "";

  @Override
  protected void run(Invocation invocation) {
    Fingerprint confirmed = Fingerprint.of(digits.strip());
    List<PendingGrant> before = GrantLines.pending(invocation);
    try (SecuPassSession session = invocation.unlock()) {
      UserId subject = invocation.person(other).id();
      GrantRun run = invocation.sdk().secuPass().reverify(session, subject, confirmed);
      invocation.keyNotes().verified(invocation.user().user(), subject, confirmed);
      invocation.say("verified and pinned " + other + "'s fingerprint " + confirmed);
      invocation.field("verified", other).field("fingerprint", confirmed);
      GrantLines.report(invocation, before, run);
    }
  }
}
