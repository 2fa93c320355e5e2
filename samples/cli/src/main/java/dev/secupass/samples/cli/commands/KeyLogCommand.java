package dev.secupass.samples.cli.commands;

import dev.secupass.core.keylog.KeyLog;
import dev.secupass.core.keylog.KeyLogAudit;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** Audits the host's key transparency log. */
@Command(name = "keylog", description = {
    "Audits the key transparency log: recomputes its tree from every entry, checks every"
        + " checkpoint's signature and root and the consistency of each with the next, and"
        + " looks for two different keys logged for one user. Prints the log's current"
        + " checkpoint and verifier key; ends with exit code 8 if anything is wrong."})
public final class KeyLogCommand extends HostCommand {

  @Override
  protected void run(Invocation invocation) {
    KeyLog log = invocation.sdk().keyLog();
    KeyLogAudit audit = log.audit();
    String checkpoint = log.checkpoint();
    invocation.result(() -> {
      List<String> lines = new ArrayList<>();
      lines.add("key log " + log.origin() + ": " + audit.entries() + " entries, "
          + audit.checkpoints() + " checkpoints checked, " + audit.cosigned()
          + " cosigned by the witnesses");
      lines.add("verifier key: " + log.verifierKey());
      lines.add("current checkpoint:");
      lines.add(checkpoint.strip());
      lines.add(audit.sound() ? "sound: every checkpoint matches the entries and extends the last"
          : audit.problems().size() + " problem(s):");
      audit.problems().forEach(p -> lines.add("  " + p));
      return String.join("\n", lines);
    }, Json.map("origin", log.origin(), "verifierKey", log.verifierKey(), "entries",
        audit.entries(), "checkpoints", audit.checkpoints(), "cosigned", audit.cosigned(),
        "checkpoint", checkpoint, "problems", audit.problems()));
    if (!audit.sound()) {
      throw new CliException(ExitCode.INTEGRITY, "the key log failed its audit: "
          + audit.problems().get(0));
    }
  }
}
