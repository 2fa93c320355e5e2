package dev.secupass.samples.web.pages;

import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.samples.web.host.People;
import java.util.List;
import java.util.Map;

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
      d.recipients().forEach(r -> body.append(Html.esc(people.name(r.user()))).append("<br>"));
      body.append("</td><td>").append(DeliveryPages.level(d.level().number())).append("</td><td>")
          .append(Html.time(d.createdAt())).append("</td><td>").append(d.downloadCount())
          .append("</td><td>").append(d.state().name().toLowerCase(java.util.Locale.ROOT))
          .append("</td></tr>");
    }
    return Layout.page(viewer, "Sent", body.append("</table>").toString());
  }

  /**
   * A first contact the default policy holds for the sender: the recipient's keys were never
   * verified, so the page shows their safety words and asks for the words the recipient reads out.
   *
   * @param grant the grant waiting
   * @param recipient who waits
   * @param presented the safety words of the keys stored for them now
   */
  public record FirstContact(GrantId grant, Person recipient, SafetyWords presented) {}

  public static String sent(Viewer viewer, DeliverySummary delivery,
      List<RecipientStatus> recipients, List<AuditRecord> trail, People people) {
    return sent(viewer, delivery, recipients, trail, people, List.of());
  }

  public static String sent(Viewer viewer, DeliverySummary delivery,
      List<RecipientStatus> recipients, List<AuditRecord> trail, People people,
      List<FirstContact> held) {
    StringBuilder body = new StringBuilder("<dl class=\"facts\"><dt>Subject</dt><dd>")
        .append(DeliveryPages.subject(delivery)).append("</dd><dt>Level</dt><dd>")
        .append(DeliveryPages.level(delivery.level().number())).append("</dd><dt>Expires</dt><dd>")
        .append(Html.time(delivery.expiresAt())).append("</dd><dt>Downloads</dt><dd>")
        .append(delivery.downloadCount()).append("</dd></dl><h2>Recipients</h2>")
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
    for (FirstContact contact : held) {
      String who = Html.esc(people.name(contact.recipient()));
      body.append("</table><div class=\"notice\" id=\"first-contact\"><p>Nobody has verified ")
          .append(who).append("'s new keys yet. Their safety words are <strong id=\"presented\">")
          .append(Html.esc(contact.presented().toString())).append("</strong>. Ask ").append(who)
          .append(" to read theirs to you (by phone or in person, not by e-mail) and type them:")
          .append(" the delivery is released only if they are the same.</p>")
          .append("<form method=\"post\" action=\"/grants/confirm\">").append(viewer.csrfField())
          .append("<input type=\"hidden\" name=\"grant\" value=\"")
          .append(Html.esc(contact.grant().value())).append("\"><input type=\"hidden\"")
          .append(" name=\"delivery\" value=\"").append(Html.esc(delivery.id().value()))
          .append("\"><input name=\"words\" id=\"words\" size=\"80\" autocomplete=\"off\">")
          .append("<button type=\"submit\" id=\"confirm\">Confirm and release</button></form>")
          .append("</div><table class=\"list\">");
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
    return Layout.page(viewer, "Sent delivery", body.append("</table>").toString());
  }
}
