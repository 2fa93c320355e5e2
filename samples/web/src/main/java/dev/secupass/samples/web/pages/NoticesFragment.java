package dev.secupass.samples.web.pages;

import dev.secupass.api.GrantId;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.samples.web.host.People;
import java.util.List;
import java.util.Set;

/**
 * The notice area of a sender's pages (fetched every few seconds by the page's script): who has
 * chosen a SecuPass and waits for a key only this user can release, with the prompt for the
 * user's own SecuPass that releases it.
 */
public final class NoticesFragment {
  private NoticesFragment() {}

  /**
   * The notices for {@code ready} grants; empty when there are none. The {@code held} ones wait
   * for the user to compare safety words, on the page the notice links to.
   */
  public static String render(Viewer viewer, List<PendingGrant> ready, People people,
      Set<GrantId> held) {
    StringBuilder html = new StringBuilder();
    for (PendingGrant grant : ready) {
      boolean room = grant.forRoom().isPresent();
      String page = room ? "/rooms/" + Html.url(grant.forRoom().get().value())
          : "/outbox/" + Html.url(grant.forDelivery().orElseThrow().value());
      html.append("<div class=\"notice\" data-grant=\"").append(Html.esc(grant.id().value()))
          .append("\"><strong>").append(Html.esc(people.name(grant.recipient())))
          .append(" has chosen a SecuPass</strong> and is waiting for <a href=\"").append(page)
          .append("\">").append(room ? "a data room's key" : "your delivery").append("</a>. ");
      if (viewer.inBrowser() && !room) {
        // The browser applies the first-contact rule itself (safety words on /release).
        html.append("<a class=\"button release\" href=\"/release\">Release it from this")
            .append(" browser</a>");
      } else if (viewer.inBrowser()) {
        // The room's page gives the key from the browser (or asks for the safety words first).
        html.append("<a class=\"button release\" href=\"").append(page)
            .append("\">Give the key from this browser</a>");
      } else if (held.contains(grant.id())) {
        html.append("<a class=\"button compare\" href=\"").append(page)
            .append("\">Compare their safety words</a>");
      } else if (viewer.secuPass() == Viewer.SecuPassState.UNLOCKED) {
        html.append(viewer.button("/grants/release", "Release now", "release"));
      } else {
        html.append("<a class=\"button release\" href=\"/secupass?mode=unlock&amp;next=")
            .append(Html.url(page)).append("\">Enter your SecuPass to release it</a>");
      }
      html.append("</div>");
    }
    return html.toString();
  }
}
