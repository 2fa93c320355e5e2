package dev.secupass.samples.web.pages;

import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.web.host.SampleSignIn;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The host's sign-in page: employees and partners from the directory, and returning guests. */
public final class SignInPages {
  private SignInPages() {}

  public static String signIn(Viewer viewer, List<DirectoryUser> members, String next,
      @Nullable String error) {
    StringBuilder body = new StringBuilder();
    if (error != null) {
      body.append("<p class=\"error\" id=\"sign-in-error\">").append(Html.esc(error))
          .append("</p>");
    }
    body.append("<div class=\"columns\"><section><h2>Employees and partners</h2>")
        .append("<form method=\"post\" action=\"/sign-in\" id=\"staff-sign-in\">")
        .append(viewer.csrfField()).append(hidden("next", next))
        .append("<label>Username <input name=\"username\" id=\"username\" required")
        .append(" autocomplete=\"username\"></label>")
        .append("<label>Password <input type=\"password\" name=\"password\" id=\"password\"")
        .append(" required autocomplete=\"current-password\"></label>")
        .append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form>")
        .append("<p class=\"hint\">The host's own login, a stand-in here: the people of the")
        .append(" sample's user directory, each with a sample password.</p>")
        .append("<table class=\"list\"><tr><th>username</th><th>password</th><th></th></tr>");
    for (DirectoryUser user : members) {
      body.append("<tr><td>").append(Html.esc(user.name())).append("</td><td><code>")
          .append(Html.esc(SampleSignIn.samplePassword(user))).append("</code></td><td>")
          .append(user.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(user.email().isEmpty() ? "" : ", " + Html.esc(user.email()))
          .append("</td></tr>");
    }
    body.append("</table></section><section><h2>Guests</h2>")
        .append("<p>Guests come in through the link in their e-mail and choose a username and")
        .append(" password on their first delivery. Returning guests sign in here.</p>")
        .append("<form method=\"post\" action=\"/guest/sign-in\" id=\"guest-sign-in\">")
        .append(viewer.csrfField()).append(hidden("next", next))
        .append("<label>Username <input name=\"username\" id=\"guest-username\" required")
        .append(" autocomplete=\"username\"></label>")
        .append("<label>Password <input type=\"password\" name=\"password\"")
        .append(" id=\"guest-password\" required autocomplete=\"current-password\"></label>")
        .append("<button type=\"submit\" id=\"guest-sign-in-button\">Sign in as guest</button>")
        .append("</form></section></div>");
    return Layout.page(viewer, "Sign in", body.toString());
  }

  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + Html.esc(name) + "\" value=\"" + Html.esc(value)
        + "\">";
  }
}
