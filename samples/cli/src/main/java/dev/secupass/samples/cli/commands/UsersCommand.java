package dev.secupass.samples.cli.commands;

import dev.secupass.api.PrincipalKind;
import dev.secupass.samples.cli.GroupCommand;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.host.DirectoryUser;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The sample's user directory: the host's employees and partners, and the guests it met. */
@Command(name = "users", description = "The sample host's user directory.",
    subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
public final class UsersCommand extends GroupCommand {

  /** Adds an employee or partner. */
  @Command(name = "add", description = "Add an employee or partner (the host's own accounts;"
      + " guests come through invitations).")
  static final class Add extends HostCommand {
    @Parameters(paramLabel = "NAME", description = "Their name, also their user id: a-z, 0-9,"
        + " '.', '_', '-'.")
    String name = "";

    @ArgGroup(multiplicity = "1")
    Kind kind = new Kind();

    @Option(names = "--email", paramLabel = "ADDRESS", description = "Where the host e-mails"
        + " them.")
    String email = "";

    static final class Kind {
      @Option(names = "--employee", required = true, description = "An employee.")
      boolean employee;

      @Option(names = "--partner", required = true, description = "A partner.")
      boolean partner;
    }

    @Override
    protected void run(Invocation invocation) {
      DirectoryUser user = invocation.directory().add(name,
          kind.employee ? PrincipalKind.EMPLOYEE : PrincipalKind.PARTNER, email);
      invocation.result(() -> "added " + describe(user), Json.map("name", user.name(),
          "kind", user.kind().name().toLowerCase(Locale.ROOT), "user_id", user.id().value(),
          "email", user.email().isEmpty() ? null : user.email()));
    }
  }

  /** Lists everyone with their SecuPass state. */
  @Command(name = "list", description = "List the directory, with each user's SecuPass state and"
      + " fingerprint.")
  static final class ListUsers extends HostCommand {
    @Override
    protected void run(Invocation invocation) {
      PrintWriter out = invocation.out();
      if (invocation.json()) {
        invocation.result(() -> "", invocation.directory().all().stream().map(user -> Json.map(
            "name", user.name(), "kind", user.kind().name().toLowerCase(Locale.ROOT),
            "user_id", user.id().value(), "email", user.email().isEmpty() ? null : user.email(),
            "fingerprint", invocation.sdk().secuPass().fingerprint(user.id()).orElse(null)))
            .toList());
        return;
      }
      if (invocation.directory().all().isEmpty()) {
        out.println("the directory is empty (add users with 'users add', or run 'demo')");
      }
      for (DirectoryUser user : invocation.directory().all()) {
        String secuPass = invocation.sdk().secuPass().fingerprint(user.id())
            .map(fingerprint -> "SecuPass active, fingerprint " + fingerprint)
            .orElse("no SecuPass");
        out.println(describe(user) + ": " + secuPass);
      }
    }
  }

  static String describe(DirectoryUser user) {
    String kind = user.kind().name().toLowerCase(Locale.ROOT);
    return user.kind() == PrincipalKind.GUEST
        ? user.name() + " (guest, user id " + user.id() + ")"
        : user.name() + " (" + kind + (user.email().isEmpty() ? "" : ", " + user.email()) + ")";
  }
}
