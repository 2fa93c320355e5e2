package dev.secupass.samples.cli.commands;

import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.guests.GuestInvitation;
import dev.secupass.core.guests.Password;
import dev.secupass.samples.cli.GroupCommand;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.mail.Links;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A guest's first visit: where the invitation leads, and registration. */
@Command(name = "guest", description = "A guest's invitation: see where it leads, register a"
    + " username and password. Afterwards the guest signs in with --guest USERNAME.",
    subcommands = {GuestCommand.Arrive.class, GuestCommand.Register.class})
public final class GuestCommand extends GroupCommand {

  /** Where an invitation link leads. */
  @Command(name = "arrive", description = "Follow an invitation link: register, or sign in.")
  static final class Arrive extends HostCommand {
    @Parameters(paramLabel = "LINK", description = "The invitation link from the e-mail; '-'"
        + " reads it from standard input and @FILE from a file, out of the shell's history.")
    String link = "";

    @Override
    protected void run(Invocation invocation) {
      GuestInvitation invitation = invocation.sdk().guests().arrive(Links.parseInvitation(invocation.link(link)));
      invocation.say("invitation to delivery " + invitation.delivery() + " for "
          + invocation.name(invitation.guest()) + ": " + (invitation.registered()
              ? "already registered; sign in with --guest USERNAME"
              : "first visit; choose a username and password with 'guest register'"));
      invocation.field("delivery", invitation.delivery())
          .field("guest", invocation.name(invitation.guest()))
          .field("registered", invitation.registered())
          .field("access_code_required", invitation.accessCodeRequired());
      if (invitation.accessCodeRequired()) {
        invocation.say("the sender protected this delivery with an access code: ask"
            + " them for it (by phone or in person) and enter it when you choose your SecuPass,"
            + " 'activate --access-code CODE'");
      }
    }
  }

  /** Registers the guest an invitation is for. */
  @Command(name = "register", description = "Choose a username and password for the invitation"
      + " (the password is not your SecuPass).")
  static final class Register extends HostCommand {
    @Parameters(paramLabel = "LINK", description = "The invitation link from the e-mail; '-'"
        + " reads it from standard input and @FILE from a file, out of the shell's history.")
    String link = "";

    @Option(names = "--username", required = true, paramLabel = "USERNAME",
        description = "3-100 characters without spaces.")
    String username = "";

    @Override
    protected void run(Invocation invocation) {
      LinkToken token = Links.parseInvitation(invocation.link(link));
      SignedInUser guest;
      try (Password password = invocation.secrets().newPassword(username)) {
        guest = invocation.sdk().guests().register(token, username, password);
      }
      boolean code = invocation.sdk().guests().arrive(token).accessCodeRequired();
      invocation.say("registered and signed in as " + username + " ("
          + invocation.name(guest.user()) + "); next: --guest " + username + " activate"
          + (code ? " --access-code CODE (the code the sender gave you)" : ""));
      invocation.field("username", username).field("guest", invocation.name(guest.user()))
          .field("access_code_required", code);
    }
  }
}
