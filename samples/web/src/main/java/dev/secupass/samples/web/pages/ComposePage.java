package dev.secupass.samples.web.pages;

import dev.secupass.samples.host.DirectoryUser;
import java.util.List;

/**
 * The form for sending a delivery. Its script uploads each chosen file first (streamed, with a
 * progress bar), then posts the form with the uploads' handles.
 */
public final class ComposePage {
  private ComposePage() {}

  public static String render(Viewer viewer, List<DirectoryUser> members, long maxUpload) {
    StringBuilder people = new StringBuilder();
    for (DirectoryUser user : members) {
      people.append(people.length() == 0 ? "" : ", ").append("<code>")
          .append(Html.esc(user.name())).append("</code> (")
          .append(user.kind().name().toLowerCase(java.util.Locale.ROOT)).append(")");
    }
    String body = "<form method=\"post\" action=\"/send\" id=\"compose\" data-upload=\"/spool\">"
        + viewer.csrfField()
        + "<label>To <input name=\"to\" id=\"to\" required placeholder=\"paul, gina@example.org\">"
        + "</label><p class=\"hint\">Usernames of the directory: " + people + ". Anyone else by"
        + " e-mail address: they become a guest. Separate several with commas.</p>"
        + "<fieldset id=\"levels\"><legend>Security level</legend>"
        + level(1, "Link", "whoever holds the link opens it; encrypted at rest with the host's"
            + " key", false)
        + level(2, "Login", "only the named recipients, signed in; encrypted at rest with the"
            + " host's key", true)
        + level(3, "Secret", "files end-to-end encrypted to the recipients' SecuPass keys", false)
        + level(4, "Top secret", "files, subject and message end-to-end encrypted", false)
        + "</fieldset>"
        + "<label class=\"choice\"><input type=\"checkbox\" name=\"access_codes\""
        + " id=\"access-code\" value=\"yes\"> Protect new guests with a one-time access code"
        + " (levels 3 and 4): shown to you once after sending; tell it to the guest by phone or"
        + " in person, never by e-mail. Their SecuPass is tied to it, so a forwarded link gets"
        + " nobody the delivery.</label>"
        + "<label>Subject <input name=\"subject\" id=\"subject\" maxlength=\"998\"></label>"
        + "<label>Message <textarea name=\"message\" id=\"message\" rows=\"4\"></textarea></label>"
        + "<label>Expires after (days) <input type=\"number\" name=\"days\" id=\"days\" min=\"1\""
        + " max=\"365\" value=\"7\"></label>"
        + "<label>Files (up to " + Html.size(maxUpload) + " each) <input type=\"file\""
        + " id=\"files\" multiple required></label>"
        + "<div id=\"upload-progress\" class=\"progress-list\"></div>"
        + "<p class=\"error\" id=\"upload-error\" hidden></p>"
        + "<button type=\"submit\" id=\"send\">Send</button></form>";
    return Layout.page(viewer, "Send a delivery", body);
  }

  private static String level(int number, String name, String what, boolean checked) {
    return "<label class=\"choice\"><input type=\"radio\" name=\"level\" value=\"" + number
        + "\" id=\"level-" + number + "\"" + (checked ? " checked" : "") + "> <strong>" + number
        + " " + name + "</strong>: " + what + "</label>";
  }
}
