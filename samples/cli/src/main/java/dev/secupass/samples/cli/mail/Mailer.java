package dev.secupass.samples.cli.mail;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.events.HostEvent;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.host.UserDirectory;
import java.io.PrintWriter;
import java.util.List;

/**
 * The host's outbox loop: takes the SDK's pending events, "sends" each as an e-mail to its
 * audience's address (the sample prints one line; {@code mail ADDRESS} shows the whole mail), and
 * acknowledges it. Events stay in the SDK's outbox, so the mail can be shown again later.
 */
public final class Mailer {
  private static final int BATCH = 100;

  private final SecuPassSdk sdk;
  private final UserDirectory directory;
  private final Notices notices;

  public Mailer(SecuPassSdk sdk, UserDirectory directory) {
    this.sdk = sdk;
    this.directory = directory;
    this.notices = new Notices(directory);
  }

  /** Sends every pending event; prints {@code mail to ADDRESS: notice} for each. */
  public void deliverPending(PrintWriter out) {
    List<HostEvent> pending;
    while (!(pending = sdk.events().pending(BATCH)).isEmpty()) {
      for (HostEvent event : pending) {
        out.println("  mail to " + addressOf(event) + ": " + notices.notice(event));
        sdk.events().acknowledge(event.id());
      }
    }
  }

  private String addressOf(HostEvent event) {
    return directory.byId(event.audience())
        .map(DirectoryUser::email)
        .filter(email -> !email.isEmpty())
        .orElse(directory.nameOf(event.audience()) + " (no address: shown as a notice)");
  }
}
