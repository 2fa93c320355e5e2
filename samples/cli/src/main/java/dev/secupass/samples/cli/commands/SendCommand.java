package dev.secupass.samples.cli.commands;

import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.Failures;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.cli.io.Interruption;
import dev.secupass.samples.cli.mail.Links;
import dev.secupass.samples.host.DirectoryUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends files at levels 1-4. */
@Command(name = "send", description = {
    "Send files at a security level: 1 link (whoever has the link), 2 login (named, signed-in"
        + " recipients), 3 secret (files end-to-end encrypted; needs your SecuPass), 4 top secret"
        + " (subject and message too).",
    "A recipient is a directory name or an e-mail address; an unknown address is a new guest."})
public final class SendCommand extends HostCommand {
  @Option(names = "--level", paramLabel = "LEVEL", converter = Levels.class,
      description = "1-4 or link, login, secret, top-secret (default: the policy's default, 3;"
          + " levels 1 and 2 are always an explicit choice).")
  @Nullable SecurityLevel level;

  @Option(names = "--to", required = true, paramLabel = "RECIPIENT",
      description = "A recipient; repeat for several.")
  List<String> to = new ArrayList<>();

  @Option(names = "--subject", paramLabel = "TEXT", description = "One line.")
  String subject = "";

  @Option(names = "--message", paramLabel = "TEXT", description = "The message.")
  String message = "";

  @Option(names = "--expires-in", paramLabel = "DURATION", converter = Durations.class,
      description = "90m, 12h, 7d... (default: the policy's, 90 days; at least 1 hour).")
  @Nullable Duration expiresIn;

  @Option(names = "--download-limit", paramLabel = "N", description = "How often it may be"
      + " downloaded (default: no limit).")
  int downloadLimit;

  @Option(names = "--access-code", description = "Protect the first contact of each guest"
      + " without a SecuPass with a one-time access code (levels 3-4): shown to you once; tell"
      + " it to the guest by phone or in person, never by mail.")
  boolean accessCodes;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to send.")
  List<Path> files = new ArrayList<>();

  @Override
  protected void run(Invocation invocation) {
    SignedInUser sender = invocation.user();
    SendProgress progress = new SendProgress(invocation.progress());
    DeliveryDraft.Builder draft = DeliveryDraft.builder()
        .subject(subject)
        .message(message)
        .downloadLimit(downloadLimit)
        .progress(progress);
    if (accessCodes) {
      draft.accessCodes();
    }
    if (level != null) {
      draft.level(level);
    }
    if (expiresIn != null) {
      draft.expiresIn(expiresIn);
    }
    for (String recipient : to) {
      draft.to(addressee(invocation, recipient));
    }
    for (Path file : files) {
      requireReadableFile(file);
      draft.file(file);
    }
    SentDelivery sent;
    Interruption.sending();
    try {
      if (level == null || level.requiresSecuPass()) {
        // Without --level the policy's default applies, which needs a SecuPass unless the host
        // chose level 1 or 2: unlock only when the SDK asks for it.
        sent = level == null ? sendOrUnlock(invocation, sender, draft)
            : sendWithSession(invocation, sender, draft);
      } else {
        sent = invocation.sdk().deliveries().send(sender, draft.build());
      }
    } finally {
      progress.finish();
      Interruption.clear();
    }
    report(invocation, sent);
  }

  /** A missing or unreadable file is the user's local file problem, named as they gave it. */
  private static void requireReadableFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new CliException(ExitCode.LOCAL_FILE, file + " is a folder; send the files in it");
    }
    try (InputStream in = Files.newInputStream(file)) {
      in.available();
    } catch (IOException e) {
      throw new CliException(ExitCode.LOCAL_FILE, Failures.ofIo(e));
    }
  }

  private static SentDelivery sendOrUnlock(Invocation invocation, SignedInUser sender,
      DeliveryDraft.Builder draft) {
    try {
      return invocation.sdk().deliveries().send(sender, draft.build());
    } catch (UnlockRequiredException e) {
      return sendWithSession(invocation, sender, draft);
    }
  }

  private static SentDelivery sendWithSession(Invocation invocation, SignedInUser sender,
      DeliveryDraft.Builder draft) {
    try (SecuPassSession session = invocation.unlock()) {
      return invocation.sdk().deliveries().send(sender, session, draft.build());
    }
  }

  private static Addressee addressee(Invocation invocation, String recipient) {
    if (!recipient.contains("@")) {
      return invocation.person(recipient).addressee();
    }
    return invocation.directory().byEmail(recipient)
        .map(DirectoryUser::addressee)
        .orElseGet(() -> Addressee.guest(recipient));
  }

  private static void report(Invocation invocation, SentDelivery sent) {
    Map<UserId, FirstContactHold> held = new HashMap<>();
    sent.awaitingConfirmation().forEach(hold -> held.put(hold.recipient().user(), hold));
    if (invocation.json()) {
      List<Object> recipients = new ArrayList<>();
      for (Person recipient : sent.recipients()) {
        if (recipient.isGuest()) {
          invocation.directory().rememberGuest(recipient.user(), recipient.displayName());
        }
        recipients.add(Json.map("recipient", invocation.name(recipient),
            "state", sent.awaitingSecuPass().contains(recipient) ? "awaiting_secupass"
                : held.containsKey(recipient.user()) ? "awaiting_confirmation" : "can_open"));
      }
      invocation.result(() -> "", Json.map("id", sent.id(), "level", sent.level().number(),
          "expires_at", sent.expiresAt(), "recipients", recipients,
          "link", sent.linkToken().map(token -> Links.delivery(sent.id(), token)).orElse(null),
          "access_codes", sent.accessCodes().entrySet().stream().map(entry -> Json.map(
              "recipient", invocation.name(entry.getKey()), "code", entry.getValue().reveal()))
              .toList()));
      return;
    }
    PrintWriter out = invocation.out();
    out.println("sent delivery " + sent.id() + " at " + Levels.describe(sent.level())
        + ", expires " + sent.expiresAt());
    for (Person recipient : sent.recipients()) {
      if (recipient.isGuest()) {
        invocation.directory().rememberGuest(recipient.user(), recipient.displayName());
      }
      String name = invocation.name(recipient);
      FirstContactHold hold = held.get(recipient.user());
      out.println("  " + name + ": " + (sent.awaitingSecuPass().contains(recipient)
          ? "must choose a SecuPass first; you are told when they have, and your next unlock"
              + " releases it"
          : hold != null ? "held: you never verified " + name + "'s keys. Their safety words: "
              + hold.presented() + ". Ask " + name + " to read theirs (by phone or in person);"
              + " if they are the same, 'confirm " + name + " WORDS...' releases it; if not,"
              + " someone else holds those keys"
          : "can open it"));
    }
    sent.accessCodes().forEach((recipient, code) -> out.println("  access code for "
        + invocation.name(recipient) + ": " + code.reveal() + " (tell them by phone or in"
        + " person, not by mail; it is shown once)"));
    sent.linkToken().ifPresent(token -> out.println("  link (whoever has it can download): "
        + Links.delivery(sent.id(), token)));
  }
}
