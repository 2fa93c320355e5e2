package dev.secupass.samples.web.pages;

import dev.secupass.api.PrincipalKind;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.web.secupass.DialogNeeded;
import dev.secupass.samples.web.secupass.SecuPassGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dialog that asks to choose a SecuPass or to enter it, over a dimmed page. Its form posts to
 * the interrupted action with that action's fields, so sending, opening or managing a room goes on
 * once the SecuPass is there.
 */
public final class SecuPassDialog {
  private SecuPassDialog() {}

  /** The whole page with the dialog for {@code needed}. */
  public static String page(Viewer viewer, DialogNeeded needed, Optional<Duration> lastKdf) {
    boolean activate = needed.mode() == DialogNeeded.Mode.ACTIVATE;
    String title = activate ? "Choose a SecuPass" : "Enter your SecuPass";
    StringBuilder form = new StringBuilder()
        .append("<div class=\"backdrop\"><div class=\"dialog\" role=\"dialog\" aria-modal=\"true\"")
        .append(" aria-labelledby=\"dialog-title\" id=\"secupass-dialog\">")
        .append("<h2 id=\"dialog-title\">").append(title).append("</h2>");
    needed.error().ifPresent(error -> form.append("<p class=\"error\" id=\"dialog-error\">")
        .append(Html.esc(error)).append("</p>"));
    form.append(activate ? activationText(lastKdf) : unlockText(lastKdf))
        .append("<form method=\"post\" action=\"").append(Html.esc(needed.action()))
        .append("\" data-wait=\"").append(activate ? "Making your keys" : "Unlocking")
        .append(": this takes a moment…\">").append(viewer.csrfField())
        .append(hidden(SecuPassGate.MODE, activate ? "activate" : "unlock"));
    for (Map.Entry<String, List<String>> field : needed.replay().entrySet()) {
      field.getValue().forEach(value -> form.append(hidden(field.getKey(), value)));
    }
    form.append("<label>SecuPass <input type=\"password\" name=\"").append(SecuPassGate.FIELD)
        .append("\" id=\"secupass\" autocomplete=\"").append(activate ? "new-password" : "off")
        .append("\" required autofocus></label>");
    if (activate) {
      form.append("<label>The same again <input type=\"password\" name=\"")
          .append(SecuPassGate.CONFIRM).append("\" id=\"secupass-confirm\"")
          .append(" autocomplete=\"new-password\" required></label>");
      if (viewer.signedIn().filter(u -> u.kind() == PrincipalKind.GUEST).isPresent()) {
        form.append("<label>Access code, if the sender gave you one (leave empty if you typed it")
            .append(" when you registered) <input name=\"").append(SecuPassGate.ACCESS_CODE)
            .append("\" id=\"dialog-access-code\" autocomplete=\"off\" maxlength=\"40\"")
            .append(" spellcheck=\"false\"></label>");
      }
    }
    form.append("<div class=\"actions\"><button type=\"submit\" id=\"secupass-submit\">")
        .append(activate ? "Choose this SecuPass" : "Unlock").append("</button>")
        .append(" <a href=\"/\" class=\"cancel\">Cancel</a></div>")
        .append("<p class=\"wait\" hidden></p></form></div></div>");
    return Layout.serverPage(viewer, title, form.toString());
  }

  private static String activationText(Optional<Duration> lastKdf) {
    return "<p>A SecuPass is a passphrase, separate from your sign-in password, that protects your"
        + " own key pair. You need it for level 3 and 4 deliveries and for data rooms. Nobody can"
        + " recover it for you: a reset makes new keys, and what was sent to the old ones must be"
        + " granted again.</p><p>Choose at least " + SampleHost.MIN_SECUPASS_LENGTH + " characters."
        + " Making your keys runs Argon2id, which is slow on purpose" + wait(lastKdf) + ".</p>";
  }

  private static String unlockText(Optional<Duration> lastKdf) {
    return "<p>Your SecuPass opens your private keys on this server until you lock them, sign"
        + " out, or leave them unused for a while. Unlocking also releases deliveries and room"
        + " keys that people who chose a SecuPass are waiting for" + wait(lastKdf) + ".</p>";
  }

  private static String wait(Optional<Duration> lastKdf) {
    return lastKdf.map(d -> " (the last time took " + String.format(java.util.Locale.ROOT,
        "%.1f", d.toMillis() / 1000.0) + " s on this server)").orElse("");
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + Html.esc(name) + "\" value=\"" + Html.esc(value)
        + "\">";
  }
}
