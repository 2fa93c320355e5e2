package dev.secupass.samples.cli.commands;

import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Confirms a first contact the policy holds, after comparing safety words. */
@Command(name = "confirm", description = "After USER read you their safety words (on a call, in"
    + " person) and they are the ones your unlock showed: release what waits for USER's first"
    + " keys.")
public final class ConfirmCommand extends HostCommand {
  @Parameters(index = "0", paramLabel = "USER", description = "A name, or a guest's address.")
  String other = "";

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "WORDS",
      description = "The twelve safety words USER read to you.")
  List<String> words = new ArrayList<>();

  @Override
  protected void run(Invocation invocation) {
    SafetyWords compared = SafetyWords.parse(String.join(" ", words));
    List<PendingGrant> before = GrantLines.pending(invocation);
    UserId subject = invocation.person(other).id();
    PendingGrant grant = before.stream()
        .filter(g -> g.recipient().user().equals(subject)
            && g.state() == PendingGrant.State.READY)
        .findFirst()
        .orElseThrow(() -> new NotFoundException("nothing waits for your confirmation of "
            + other));
    try (SecuPassSession session = invocation.unlock()) {
      GrantRun run = invocation.sdk().grants().confirmFirstContact(session, grant.id(),
          compared);
      // Compared out of band, as 'verify' does: 'fingerprint USER' says "verified" from now on.
      invocation.sdk().secuPass().pinnedFingerprint(session, subject).ifPresent(
          pinned -> invocation.keyNotes().verified(invocation.user().user(), subject, pinned));
      invocation.say("confirmed " + other + "'s safety words and pinned their keys");
      invocation.field("confirmed", other);
      GrantLines.report(invocation, before, run);
    }
  }
}
