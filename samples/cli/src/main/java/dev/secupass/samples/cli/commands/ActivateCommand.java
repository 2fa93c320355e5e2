package dev.secupass.samples.cli.commands;

import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** First activation of the signed-in user's SecuPass. */
@Command(name = "activate", description = "Choose your SecuPass: makes your key pair and protects"
    + " it with Argon2id (deliberately slow). Senders waiting for you are told.")
public final class ActivateCommand extends HostCommand {
  @Option(names = "--access-code", paramLabel = "CODE", description = "The access code the sender"
      + " gave you out of band, if your invitation asks for one: binds your new keys to it.")
  @Nullable String accessCode;

  @Override
  protected void run(Invocation invocation) {
    String name = invocation.name();
    Timing.Timed<SecuPassSession> activated;
    try (SecuPass pass = invocation.secrets().newSecuPass(name)) {
      AccessCode code = accessCode == null ? null : AccessCode.parse(accessCode);
      activated = Timing.of(() -> code == null
          ? invocation.sdk().secuPass().activate(invocation.user().user(), pass)
          : invocation.sdk().secuPass().activate(invocation.user().user(), pass, code));
    }
    try (SecuPassSession session = activated.value()) {
      invocation.say("SecuPass activated for " + name + " in " + activated.took() + " ("
          + invocation.host().settings().kdf().cost() + ")");
      invocation.say("your fingerprint: " + session.fingerprint());
      invocation.say("your safety words (read them to a sender who asks): "
          + SafetyWords.of(session.fingerprint()));
      if (accessCode != null) {
        invocation.say("your keys are bound to the access code: the sender's SDK"
            + " releases the delivery to them without asking");
      }
      invocation.field("user", name).field("activated", true)
          .field("seconds", activated.seconds())
          .field("fingerprint", session.fingerprint())
          .field("safety_words", SafetyWords.of(session.fingerprint()))
          .field("bound_to_access_code", accessCode != null);
    }
  }
}
