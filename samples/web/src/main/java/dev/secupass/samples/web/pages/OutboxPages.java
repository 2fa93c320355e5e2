package dev.secupass.samples.web.pages;

import dev.secupass.api.DeliveryState;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.samples.web.host.People;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The sender's pages: what they sent, and where each recipient of a delivery stands. */
public final class OutboxPages {
  private OutboxPages() {}

  public static String outbox(Viewer viewer, List<DeliverySummary> sent, People people) {
    StringBuilder body = new StringBuilder();
    if (sent.isEmpty()) {
      body.append("<p>You have sent nothing yet. <a href=\"/compose\">Send a delivery</a>.</p>");
      return Layout.page(viewer, "Sent", body.toString());
    }
    body.append("<table class=\"list\" id=\"outbox\"><tr><th>Subject</th><th>To</th>")
        .append("<th>Level</th><th>Sent</th><th>Downloads</th><th>State</th></tr>");
    for (DeliverySummary d : sent) {
      body.append("<tr><td><a href=\"/outbox/").append(Html.url(d.id().value())).append("\">")
          .append(DeliveryPages.subject(d)).append("</a></td><td>");
      d.recipients().forEach(r -> body.append(Html.esc(people.name(r))).append("<br>"));
      body.append("</td><td>").append(DeliveryPages.level(d.level().number())).append("</td><td>")
          .append(Html.time(d.createdAt())).append("</td><td>").append(d.downloadCount())
          .append("</td><td>").append(d.state().name().toLowerCase(java.util.Locale.ROOT))
          .append("</td></tr>");
    }
    return Layout.page(viewer, "Sent", body.append("</table>").toString());
  }

  public static String sent(Viewer viewer, DeliverySummary delivery,
      List<RecipientStatus> recipients, List<AuditRecord> trail, People people) {
    return sent(viewer, delivery, recipients, trail, people, List.of(), null);
  }

  public static String sent(Viewer viewer, DeliverySummary delivery,
      List<RecipientStatus> recipients, List<AuditRecord> trail, People people,
      List<FirstContactForm.Held> held, @Nullable String shareLink) {
    StringBuilder body = new StringBuilder("<dl class=\"facts\"><dt>Subject</dt><dd>")
        .append(DeliveryPages.subject(delivery)).append("</dd><dt>Level</dt><dd>")
        .append(DeliveryPages.level(delivery.level().number())).append("</dd><dt>Expires</dt><dd>")
        .append(Html.time(delivery.expiresAt())).append("</dd><dt>Downloads</dt><dd>")
        .append(delivery.downloadCount()).append("</dd><dt>State</dt><dd id=\"delivery-state\">")
        .append(delivery.state().name().toLowerCase(java.util.Locale.ROOT)).append("</dd></dl>");
    if (shareLink != null && delivery.state() == DeliveryState.ACTIVE) {
      body.append(shareLink(shareLink));
    }
    body.append("<h2>Recipients</h2>")
        .append("<table class=\"list\" id=\"recipients\"><tr><th>Who</th><th>Where they stand")
        .append("</th></tr>");
    Map<RecipientStatus.State, String> words = Map.of(
        RecipientStatus.State.CAN_OPEN, "can open it",
        RecipientStatus.State.AWAITING_SECUPASS, "must choose a SecuPass first",
        RecipientStatus.State.AWAITING_GRANT, "has chosen a SecuPass: enter yours to release it");
    for (RecipientStatus status : recipients) {
      body.append("<tr><td>").append(Html.esc(people.name(status.recipient())))
          .append("</td><td class=\"state ").append(status.state().name().toLowerCase(
              java.util.Locale.ROOT)).append("\">").append(words.get(status.state()))
          .append("</td></tr>");
    }
    for (FirstContactForm.Held contact : held) {
      body.append("</table>").append(FirstContactForm.render(viewer, contact,
          people.name(contact.recipient()), "the delivery is released", "delivery",
          delivery.id().value())).append("<table class=\"list\">");
    }
    body.append("</table><p><a href=\"/deliveries/").append(Html.url(delivery.id().value()))
        .append("\">Open it yourself</a></p><h2>Audit trail</h2><table class=\"list\"")
        .append(" id=\"audit\"><tr><th>When</th><th>Who</th><th>What</th><th>Outcome</th></tr>");
    for (AuditRecord entry : trail) {
      body.append("<tr><td>").append(Html.time(entry.at())).append("</td><td>")
          .append(Html.esc(entry.knownActor().map(people::name).orElse("(link)")))
          .append("</td><td>").append(Html.esc(entry.action())).append("</td><td>")
          .append(Html.esc(entry.outcome())).append("</td></tr>");
    }
    body.append("</table>").append(withdrawal(viewer, delivery));
    return Layout.page(viewer, delivery.clearSubject().filter(s -> !s.isEmpty())
        .map(s -> "Sent: " + s).orElse("Sent delivery"), body.toString());
  }

  /**
   * Withdrawing: a form that posts to the server at levels 1 and 2 (no key needed); at levels 3
   * and 4 in browser mode the page's script signs the withdrawal with the sender's keys instead
   * ({@code data-in-browser}); a delivery withdrawn already says so.
   */
  private static String withdrawal(Viewer viewer, DeliverySummary delivery) {
    if (delivery.state() == DeliveryState.WITHDRAWN) {
      return "<h2>Withdrawn</h2><p id=\"withdrawn\">You withdrew this delivery: nobody can open"
          + " it any more, and its files are deleted.</p>";
    }
    if (delivery.state() != DeliveryState.ACTIVE) {
      return "";
    }
    boolean inBrowser = viewer.inBrowser() && delivery.level().requiresSecuPass();
    return "<h2>Withdraw</h2><p>Withdrawing stops every recipient from opening it, also those who"
        + " opened it before, and deletes its files. It cannot be undone."
        + (inBrowser ? " Your browser signs the withdrawal with your keys (it asks for your"
            + " SecuPass if it is locked), so every recipient can check that you withdrew it."
            : "") + "</p><form method=\"post\" action=\"/outbox/"
        + Html.url(delivery.id().value()) + "/withdraw\" id=\"withdraw-delivery\""
        + (inBrowser ? " data-in-browser=\"withdraw\" data-delivery=\""
            + Html.esc(delivery.id().value()) + "\"" : "") + ">" + viewer.csrfField()
        + "<button type=\"submit\" id=\"withdraw\">Withdraw this delivery</button>"
        + "<p class=\"error\" id=\"withdraw-error\" hidden></p><p class=\"wait\" hidden></p>"
        + "</form>";
  }

  /**
   * A level-1 delivery's link, for the sender to pass on, with a button that copies it. The SDK
   * stores only the token's hash, so the sample can show it only while the sender's web session
   * that sent it lasts.
   */
  private static String shareLink(String link) {
    return "<h2>Link</h2><p>Whoever has this link opens the delivery without signing in. Pass it"
        + " on yourself, or leave it to the mail the recipients were sent. It is shown only while"
        + " you stay signed in: the SDK keeps just a hash of it.</p><div class=\"share\">"
        + "<input id=\"share-link\" readonly value=\"" + Html.esc(link) + "\" aria-label=\"Link\">"
        + "<button type=\"button\" id=\"copy-link\" data-copy=\"share-link\">Copy link</button>"
        + "</div>";
  }
}
