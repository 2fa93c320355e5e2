package dev.secupass.samples.cli.mail;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.events.HostEvent;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.host.UserDirectory;
import java.io.PrintWriter;
import java.util.List;

/**
 * The host's outbox loop: claims the SDK's pending events, "sends" each as an e-mail to its
 * audience's address (the sample prints one line; {@code mail ADDRESS} shows the whole mail), and
 * acknowledges it. Events stay in the SDK's outbox, so the mail can be shown again later. A guest
 * is mailed at the address the event carries, which the host's directory does not know.
 */
public final class Mailer {
  private static final int BATCH = 100;

  private final SecuPassSdk sdk;
  private final UserDirectory directory;
  private final Notices notices;

  public Mailer(SecuPassSdk sdk, UserDirectory directory, Notices notices) {
    this.sdk = sdk;
    this.directory = directory;
    this.notices = notices;
  }

  /** Sends every pending event; prints {@code mail to ADDRESS: notice} for each. */
  public void deliverPending(PrintWriter out) {
    List<HostEvent> pending;
    while (!(pending = sdk.events().claim(BATCH)).isEmpty()) {
      for (HostEvent event : pending) {
        out.println("  mail to " + addressOf(event) + ": " + notices.notice(event));
        sdk.events().acknowledge(event.id());
      }
    }
  }

  private String addressOf(HostEvent event) {
    return directory.byId(event.audience().user())
        .map(DirectoryUser::email)
        .filter(email -> !email.isEmpty())
        .or(() -> event.audience().address())
        .orElse(directory.nameOf(event.audience().user()) + " (no address: shown as a notice)");
  }
}
