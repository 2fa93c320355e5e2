package dev.secupass.samples.cli.commands;

import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A forgotten SecuPass: new keys, and access comes back through the senders' grants. */
@Command(name = "reset-secupass", description = "Forgot your SecuPass? Makes new keys (after the"
    + " host's sign-in). Senders and room managers must grant you access again, after comparing"
    + " your new fingerprint; deliveries you sent before can no longer be opened or granted.")
public final class ResetSecuPassCommand extends HostCommand {
  @Option(names = "--yes", description = "Go ahead: you understand what a reset loses.")
  boolean yes;

  @Override
  protected void run(Invocation invocation) {
    if (!yes) {
      throw new CliException(ExitCode.USAGE, "a reset makes new keys: what was granted to the old"
          + " ones comes back only when its senders grant it again, and deliveries you sent"
          + " before are lost to you; give --yes to go ahead");
    }
    String name = invocation.name();
    invocation.sdk().secuPass().requireSecuPass(invocation.user().user());
    try (SecuPass next = invocation.secrets().newSecuPass(name);
        SecuPassSession session = invocation.sdk().secuPass().reset(invocation.user().user(),
            next)) {
      invocation.keyNotes().reset(invocation.user().user(), session.fingerprint());
      invocation.say("SecuPass reset for " + name + "; new fingerprint: "
          + session.fingerprint());
      invocation.say("senders and room managers were asked to grant you access again; they"
          + " compare your new fingerprint first");
      invocation.field("user", name).field("reset", true)
          .field("fingerprint", session.fingerprint());
    }
  }
}
