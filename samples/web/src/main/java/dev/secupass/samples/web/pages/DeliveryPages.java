package dev.secupass.samples.web.pages;

import dev.secupass.api.DeliveryId;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.samples.web.host.People;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A recipient's pages: the inbox, a delivery before and after opening, and the wait for release. */
public final class DeliveryPages {
  private DeliveryPages() {}

  public static String inbox(Viewer viewer, List<DeliverySummary> deliveries, People people) {
    StringBuilder body = new StringBuilder();
    if (deliveries.isEmpty()) {
      body.append("<p id=\"inbox-empty\">Nothing here yet.</p>");
    } else {
      body.append("<table class=\"list\" id=\"inbox\"><tr><th>From</th><th>Subject</th>")
          .append("<th>Level</th><th>Files</th><th>Sent</th><th>Expires</th><th>State</th></tr>");
      for (DeliverySummary d : deliveries) {
        body.append("<tr><td>").append(Html.esc(people.name(d.sender()))).append("</td><td>")
            .append("<a href=\"/deliveries/").append(Html.url(d.id().value())).append("\">")
            .append(subject(d)).append("</a></td><td>").append(level(d.level().number()))
            .append("</td><td>").append(d.fileCount()).append("</td><td>")
            .append(Html.time(d.createdAt())).append("</td><td>").append(Html.time(d.expiresAt()))
            .append("</td><td>").append(d.state().name().toLowerCase(java.util.Locale.ROOT))
            .append("</td></tr>");
      }
      body.append("</table>");
    }
    return Layout.page(viewer, "Inbox", body.toString());
  }

  /**
   * A delivery not opened in this session yet: who sent what, as far as the reader may know it
   * ({@code null} for a level-1 link, which tells nothing before opening); opening it is a
   * deliberate (counted) step.
   */
  public static String unopened(Viewer viewer, @Nullable Arrival arrival, String openAction) {
    if (arrival != null && arrival.withdrawn()) {
      return Layout.page(viewer, "Delivery from " + arrival.sender(), arrival.facts()
          + "<p id=\"withdrawn\">" + Html.esc(arrival.sender()) + " withdrew this delivery: it"
          + " can no longer be opened, and its files are deleted.</p>");
    }
    String body = (arrival == null ? "" : arrival.facts())
        + "<p>Opening the delivery checks that it is yours and intact, and counts as a"
        + " download. At level 3 or 4 it needs your SecuPass.</p>"
        + "<form method=\"post\" action=\"" + Html.esc(openAction) + "\" id=\"open-delivery\">"
        + viewer.csrfField() + "<button type=\"submit\" id=\"open\">Open delivery</button></form>";
    return Layout.page(viewer, arrival == null ? "A delivery for you"
        : "Delivery from " + arrival.sender(), body);
  }

  /** An opened delivery: what the sender wrote and the files to download. */
  public static String opened(Viewer viewer, OpenedDelivery delivery, People people) {
    StringBuilder body = new StringBuilder("<dl class=\"facts\"><dt>From</dt><dd id=\"sender\">")
        .append(Html.esc(people.name(delivery.sender()))).append("</dd><dt>Level</dt><dd>")
        .append(level(delivery.level().number())).append("</dd><dt>Expires</dt><dd>")
        .append(Html.time(delivery.expiresAt())).append("</dd><dt>Subject</dt><dd id=\"subject\">")
        .append(Html.esc(delivery.subject())).append("</dd></dl><pre class=\"message\"")
        .append(" id=\"message\">").append(Html.esc(delivery.message())).append("</pre>")
        .append("<h2>Files</h2><ul class=\"files\" id=\"files\">");
    for (DeliveredFile file : delivery.files()) {
      body.append("<li><a class=\"download\" href=\"/deliveries/")
          .append(Html.url(delivery.id().value())).append("/files/")
          .append(Html.url(file.id().value())).append("\" download>").append(Html.esc(file.name()))
          .append("</a> <span class=\"size\">").append(Html.size(file.size()))
          .append("</span></li>");
    }
    body.append("</ul><p class=\"hint\">Files download as they are decrypted on the server;")
        .append(" your browser shows the progress and can resume an interrupted download.</p>");
    return Layout.page(viewer, "Delivery from " + people.name(delivery.sender()),
        body.toString());
  }

  /**
   * A level 3 or 4 delivery whose key the sender has not wrapped to the reader's SecuPass yet: the
   * page asks the server every few seconds and opens the delivery once it is released.
   */
  public static String waiting(Viewer viewer, DeliveryId id, @Nullable Arrival arrival,
      @Nullable SafetyWords words) {
    String path = "/deliveries/" + Html.url(id.value());
    String sender = arrival == null ? "The sender" : arrival.sender();
    String safety = words == null ? "" : "<p>Your safety words: <strong id=\"safety-words\">"
        + Html.esc(words.toString()) + "</strong>. If the sender asks, read them out (by phone"
        + " or in person): they release the delivery only if their screen shows the same.</p>";
    String body = (arrival == null ? "" : arrival.facts())
        + "<div class=\"waiting\" id=\"waiting\" data-status=\"" + path + "/status\""
        + " data-open-form=\"open-delivery\"><p><span class=\"spinner\"></span> Your SecuPass is"
        + " ready. " + Html.esc(sender) + " has been told and releases the delivery to your new"
        + " keys by entering their own SecuPass once. This page opens it as soon as that"
        + " happens.</p><p id=\"may-close\">You can close this page: a mail tells you when the"
        + " delivery is released, and its link brings you back.</p>" + safety + "</div>"
        + "<form method=\"post\" action=\"" + path + "/open\" id=\"open-delivery\">"
        + viewer.csrfField() + "<button type=\"submit\" id=\"open\">Try again now</button></form>";
    return Layout.page(viewer, "Waiting for the sender", body);
  }

  static String subject(DeliverySummary d) {
    return d.clearSubject().map(s -> s.isEmpty() ? "(no subject)" : Html.esc(s))
        .orElse("<em>(subject end-to-end encrypted)</em>");
  }

  static String level(int number) {
    String[] names = {"", "1 link", "2 login", "3 secret", "4 top secret"};
    return "<span class=\"level l" + number + "\">" + names[number] + "</span>";
  }
}
