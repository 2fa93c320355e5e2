package dev.secupass.samples.web.pages;

import dev.secupass.samples.web.host.SentMail;
import java.util.List;

/**
 * The "outbox of sent mails": every e-mail the sample would have sent, newest first, with the
 * link each carries. It stands for everyone's mailbox, so it needs no sign-in: in a real
 * deployment these go out by e-mail and nobody else sees them.
 */
public final class MailsPage {
  private MailsPage() {}

  public static String render(Viewer viewer, List<SentMail> mails, String origin) {
    StringBuilder body = new StringBuilder("<p class=\"hint\">The sample sends no e-mail. These")
        .append(" are the mails it would have sent, made from the SDK's event outbox. Links")
        .append(" that open a delivery without sign-in (level 1) or invite a guest carry a token:")
        .append(" in real life only the addressee sees them.</p>");
    if (mails.isEmpty()) {
      body.append("<p id=\"no-mails\">No mail yet.</p>");
    }
    for (SentMail mail : mails) {
      body.append("<article class=\"mail\" data-to=\"").append(Html.esc(mail.to())).append("\">")
          .append("<header><span class=\"to\">To: ").append(Html.esc(mail.to()))
          .append("</span> <span class=\"when\">").append(Html.time(mail.sentAt()))
          .append("</span></header><h3>").append(Html.esc(mail.subject())).append("</h3><p>")
          .append(Html.esc(mail.body())).append("</p>");
      mail.linkPath().ifPresent(link -> body.append("<p><a class=\"mail-link\" href=\"")
          .append(Html.esc(link)).append("\">").append(Html.esc(origin + link)).append("</a></p>"));
      body.append("</article>");
    }
    return Layout.page(viewer, "Mail outbox", body.toString());
  }
}
