package dev.secupass.samples.cli.commands;

import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import picocli.CommandLine.Command;

/** First activation of the signed-in user's SecuPass. */
@Command(name = "activate", description = "Choose your SecuPass: makes your key pair and protects"
    + " it with Argon2id (deliberately slow). Senders waiting for you are told.")
public final class ActivateCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    String name = invocation.name();
    Timing.Timed<SecuPassSession> activated;
    try (SecuPass pass = invocation.secrets().newSecuPass(name)) {
      activated = Timing.of(() -> invocation.sdk().secuPass().activate(invocation.user().user(),
          pass));
    }
    try (SecuPassSession session = activated.value()) {
      invocation.out().println("SecuPass activated for " + name + " in " + activated.took() + " ("
          + invocation.host().settings().kdf().cost() + ")");
      invocation.out().println("your fingerprint: " + session.fingerprint());
    }
  }
}
