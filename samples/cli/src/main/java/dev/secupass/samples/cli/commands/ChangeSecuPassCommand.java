package dev.secupass.samples.cli.commands;

import dev.secupass.core.keys.SecuPass;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import picocli.CommandLine.Command;

/** Changes the SecuPass, knowing the current one; the keys stay. */
@Command(name = "change-secupass", description = "Change your SecuPass (you know the current one)."
    + " Your keys and fingerprint stay; nothing is lost.")
public final class ChangeSecuPassCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    String name = invocation.name();
    invocation.sdk().secuPass().requireSecuPass(invocation.user().user());
    try (SecuPass current = invocation.secrets().secuPass(name);
        SecuPass next = invocation.secrets().newSecuPass(name)) {
      invocation.sdk().secuPass().change(invocation.user().user(), current, next);
    }
    invocation.say("SecuPass changed for " + name + "; keys and fingerprint unchanged");
    invocation.field("user", name).field("changed", true);
  }
}
