package dev.secupass.samples.web.pages;

import dev.secupass.api.Fingerprint;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.samples.host.SampleHost;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The user's SecuPass settings: choose one, see its fingerprint, unlock or lock, change it. */
public final class SettingsPage {
  private SettingsPage() {}

  /**
   * The settings page; {@code words} are the safety words of the keys open in this session (shown
   * while the SecuPass is unlocked), for the user to read out to whoever confirms their keys.
   */
  public static String render(Viewer viewer, Optional<Fingerprint> fingerprint,
      @Nullable SafetyWords words) {
    StringBuilder body = new StringBuilder("<section><h2>SecuPass</h2>");
    if (fingerprint.isEmpty()) {
      body.append("<p id=\"secupass-status\">You have not chosen a SecuPass yet. You need one for")
          .append(" level 3 and 4 deliveries and for data rooms.</p>")
          .append("<p><a class=\"button\" id=\"choose-secupass\"")
          .append(" href=\"/secupass?mode=activate&amp;next=/settings\">Choose a SecuPass</a></p>");
      return Layout.serverPage(viewer, "Settings", body.append("</section>").toString());
    }
    boolean unlocked = viewer.secuPass() == Viewer.SecuPassState.UNLOCKED;
    body.append("<p id=\"secupass-status\">You have a SecuPass. It is ")
        .append(unlocked ? "<strong>unlocked</strong> in this session." : "locked.")
        .append("</p><p>Your fingerprint (read it out to people who want to be sure they have")
        .append(" your real keys):</p><p class=\"fingerprint\" id=\"fingerprint\">")
        .append(Html.esc(fingerprint.get().digits())).append("</p>");
    if (words != null) {
      body.append("<p>Your safety words: <strong id=\"safety-words\">")
          .append(Html.esc(words.toString())).append("</strong>. Someone who adds you to a data")
          .append(" room or sends you a delivery may ask you to read them out (by phone or in")
          .append(" person) before your keys get anything.</p>");
    }
    if (unlocked) {
      body.append(viewer.button("/secupass/lock", "Lock my SecuPass now", ""));
    } else {
      body.append("<p><a class=\"button\" id=\"unlock-secupass\"")
          .append(" href=\"/secupass?mode=unlock&amp;next=/settings\">Unlock</a></p>");
    }
    body.append("<h3>Change your SecuPass</h3><p>Your keys stay the same; only the passphrase that")
        .append(" protects them changes.</p>")
        .append("<form method=\"post\" action=\"/settings/secupass/change\" id=\"change-secupass\"")
        .append(" data-wait=\"Changing: this takes a moment…\">").append(viewer.csrfField())
        .append("<label>Current SecuPass <input type=\"password\" name=\"current\" required")
        .append(" autocomplete=\"off\"></label>")
        .append("<label>New SecuPass (at least ").append(SampleHost.MIN_SECUPASS_LENGTH)
        .append(" characters) <input type=\"password\" name=\"next_secupass\" required")
        .append(" autocomplete=\"new-password\"></label>")
        .append("<label>The same again <input type=\"password\" name=\"next_confirm\" required")
        .append(" autocomplete=\"new-password\"></label>")
        .append("<button type=\"submit\">Change</button><p class=\"wait\" hidden></p></form>");
    return Layout.serverPage(viewer, "Settings", body.append("</section>").toString());
  }
}
