package dev.secupass.samples.web.pages;

import dev.secupass.core.guests.Password;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A guest's pages: the first visit's registration, sign-in from a link, and their deliveries. */
public final class GuestPages {
  /** The registration form's access code field. */
  public static final String ACCESS_CODE = "access_code";

  private GuestPages() {}

  /**
   * The first visit: choose a username and password, and type the access code the sender passed
   * on if they set one ({@code askCode}).
   */
  public static String register(Viewer viewer, @Nullable String error, boolean askCode) {
    StringBuilder body = new StringBuilder();
    error(body, error);
    body.append("<p>You were sent a delivery. As a guest you")
        .append(" choose a username and a password now; you sign in with them whenever you")
        .append(" come back. (Your password is not your SecuPass: a level 3 or 4 delivery asks")
        .append(" for a SecuPass next.)</p>")
        .append("<form method=\"post\" action=\"/guest/register\" id=\"guest-register\">")
        .append(viewer.csrfField())
        .append("<label>Username (3-100 characters, no spaces) <input name=\"username\"")
        .append(" id=\"username\" required minlength=\"3\" maxlength=\"100\"")
        .append(" autocomplete=\"username\"></label>")
        .append("<label>Password (at least ").append(Password.MIN_LENGTH)
        .append(" characters) <input type=\"password\" name=\"password\" id=\"password\" required")
        .append(" minlength=\"").append(Password.MIN_LENGTH)
        .append("\" autocomplete=\"new-password\"></label>")
        .append("<label>The same again <input type=\"password\" name=\"password_confirm\"")
        .append(" id=\"password-confirm\" required autocomplete=\"new-password\"></label>");
    if (askCode) {
      body.append("<label>Access code (the sender told you it by phone or in person, not by")
          .append(" e-mail; 12 letters and digits) <input name=\"").append(ACCESS_CODE)
          .append("\" id=\"access-code\" required autocomplete=\"off\" maxlength=\"40\"")
          .append(" spellcheck=\"false\"></label><p class=\"hint\">It protects this delivery:")
          .append(" the SecuPass you choose next is tied to it, so whoever else opens your link")
          .append(" cannot receive it.</p>");
    }
    body.append("<button type=\"submit\" id=\"register\">Continue</button></form>");
    return Layout.page(viewer, "Welcome", body.toString());
  }

  /** A later visit through a link: sign in with the username and password chosen before. */
  public static String signIn(Viewer viewer, String next, @Nullable String error) {
    StringBuilder body = new StringBuilder();
    error(body, error);
    body.append("<p>You were sent a delivery. Sign in with the")
        .append(" username and password you chose on your first delivery.</p>")
        .append("<form method=\"post\" action=\"/guest/sign-in\" id=\"guest-sign-in\">")
        .append(viewer.csrfField()).append(SignInPages.hidden("next", next))
        .append("<label>Username <input name=\"username\" id=\"guest-username\" required")
        .append(" autocomplete=\"username\"></label>")
        .append("<label>Password <input type=\"password\" name=\"password\" id=\"guest-password\"")
        .append(" required autocomplete=\"current-password\"></label>")
        .append("<button type=\"submit\" id=\"guest-sign-in-button\">Sign in</button></form>");
    return Layout.page(viewer, "Sign in as guest", body.toString());
  }

  /**
   * A signed-in guest's deliveries, newest first (they have no inbox; these come from their
   * invitations): who sent what.
   */
  public static String home(Viewer viewer, List<Arrival> deliveries) {
    StringBuilder body = new StringBuilder("<p>Deliveries sent to you:</p>")
        .append("<ul id=\"guest-deliveries\">");
    for (Arrival delivery : deliveries) {
      body.append("<li><a href=\"/deliveries/").append(Html.url(delivery.id().value()))
          .append("\">").append(delivery.line()).append("</a> ")
          .append(DeliveryPages.level(delivery.level().number())).append("</li>");
    }
    body.append("</ul>");
    return Layout.page(viewer, "Your deliveries", body.toString());
  }

  private static void error(StringBuilder body, @Nullable String error) {
    if (error != null) {
      body.append("<p class=\"error\" id=\"form-error\">").append(Html.esc(error)).append("</p>");
    }
  }
}
