package dev.secupass.samples.cli.commands;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.KeyNotes;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows and compares fingerprints. */
@Command(name = "fingerprint", description = {
    "Without USER: your own fingerprint, to read out to others.",
    "With USER: their fingerprint as stored, the one you pinned (after unlocking): pinned"
        + " on first use, or verified by you with 'verify'; --expect compares with what USER"
        + " read to you and ends with exit code 8 if it differs."})
public final class FingerprintCommand extends HostCommand {
  @Parameters(paramLabel = "USER", arity = "0..1", description = "A name, or a guest's address.")
  @Nullable String other;

  @Option(names = "--expect", paramLabel = "DIGITS", description = "The fingerprint USER read to"
      + " you, e.g. \"12345 67890 ...\".")
  @Nullable String expected;

  @Override
  protected void run(Invocation invocation) {
    UserId self = invocation.user().user();
    Fingerprint own = invocation.sdk().secuPass().fingerprint(self).orElse(null);
    if (other == null) {
      invocation.say(own == null
          ? "you have no SecuPass yet ('activate' chooses one)"
          : "your fingerprint: " + own);
      invocation.field("user", invocation.name()).field("fingerprint", own);
      return;
    }
    String name = other;
    UserId subject = invocation.person(name).id();
    Fingerprint stored = invocation.sdk().secuPass().fingerprint(subject)
        .orElseThrow(() -> new CliException(ExitCode.ACTION_REQUIRED, name
            + " has no SecuPass yet, so no fingerprint"));
    invocation.say(name + "'s fingerprint as stored: " + stored);
    invocation.field("user", name).field("fingerprint", stored);
    boolean differs = expected != null && !Fingerprint.of(expected.strip()).equals(stored);
    if (expected != null) {
      invocation.field("matches_expected", !differs);
    }
    if (expected != null && !differs) {
      invocation.say("matches what " + name + " read to you ('verify " + name + " DIGITS' records"
          + " it)");
    }
    if (own != null && !differs) {
      try (SecuPassSession session = invocation.unlock()) {
        Optional<Fingerprint> pinned = invocation.sdk().secuPass()
            .pinnedFingerprint(session, subject);
        KeyNotes notes = invocation.keyNotes();
        invocation.say(pinned.map(pin -> state(name, pin, stored,
                notes.isVerified(self, subject, pin)))
            .orElse("not pinned yet: it is pinned when you first use " + name + "'s keys"));
        invocation.field("pinned", pinned.orElse(null)).field("pin", pinned
            .map(pin -> !pin.equals(stored) ? "changed"
                : notes.isVerified(self, subject, pin) ? "verified" : "pinned_on_first_use")
            .orElse("not_pinned"));
      }
    }
    if (differs) {
      throw new CliException(ExitCode.INTEGRITY, "the fingerprint " + name + " read to you"
          + " differs from the stored one: do not verify; the stored key is not theirs");
    }
  }

  private static String state(String name, Fingerprint pinned, Fingerprint stored,
      boolean confirmed) {
    if (!pinned.equals(stored)) {
      return "CHANGED: you pinned " + pinned + "; compare with " + name + ", then 'verify "
          + name + " DIGITS'";
    }
    return confirmed
        ? "verified: you compared this fingerprint with " + name + " ('verify')"
        : "pinned on first use, not verified: compare it with " + name + ", then 'verify "
            + name + " DIGITS'";
  }
}
