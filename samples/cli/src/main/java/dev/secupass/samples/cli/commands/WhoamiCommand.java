package dev.secupass.samples.cli.commands;

import dev.secupass.core.SignedInUser;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.Locale;
import picocli.CommandLine.Command;

/** Who is signed in, and their SecuPass state. */
@Command(name = "whoami", description = "Sign in (--as or --guest) and show who you are, your"
    + " SecuPass state and fingerprint.")
public final class WhoamiCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    SignedInUser user = invocation.user();
    String secuPass = invocation.sdk().secuPass().fingerprint(user.user())
        .map(fingerprint -> "SecuPass active, fingerprint " + fingerprint)
        .orElse("no SecuPass yet ('activate' chooses one)");
    invocation.result(() -> invocation.name() + " ("
        + user.kind().name().toLowerCase(Locale.ROOT) + ", user id " + user.user() + "): "
        + secuPass, Json.map("name", invocation.name(),
            "kind", user.kind().name().toLowerCase(Locale.ROOT), "user_id", user.user().value(),
            "fingerprint", invocation.sdk().secuPass().fingerprint(user.user()).orElse(null)));
  }
}
