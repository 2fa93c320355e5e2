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
          .append(viewer.inBrowser() ? inPage("choose-secupass", "Choose a SecuPass",
              "activate") : "<p><a class=\"button\" id=\"choose-secupass\" href=\"/secupass?mode="
                  + "activate&amp;next=/settings\">Choose a SecuPass</a></p>");
      return viewer.inBrowser() ? Layout.clientPage(viewer, "Settings", body.append("</section>")
          .toString()) : Layout.serverPage(viewer, "Settings", body.append("</section>")
          .toString());
    }
    if (viewer.inBrowser()) {
      return Layout.clientPage(viewer, "Settings", inBrowser(viewer, fingerprint.get(), body));
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
    body.append("<h3>Change your SecuPass</h3><p>Your keys stay the same; only the passphrase")
        .append(" that protects them changes.</p>")
        .append("<form method=\"post\" action=\"/settings/secupass/change\"")
        .append(" id=\"change-secupass\" data-wait=\"Changing: this takes a moment…\">")
        .append(viewer.csrfField())
        .append("<label>Current SecuPass <input type=\"password\" name=\"current\" required")
        .append(" autocomplete=\"off\"></label>")
        .append("<label>New SecuPass (at least ").append(SampleHost.MIN_SECUPASS_LENGTH)
        .append(" characters) <input type=\"password\" name=\"next_secupass\" required")
        .append(" autocomplete=\"new-password\"></label>")
        .append("<label>The same again <input type=\"password\" name=\"next_confirm\"")
        .append(" required autocomplete=\"new-password\"></label>")
        .append("<button type=\"submit\">Change</button><p class=\"wait\" hidden></p></form>");
    return Layout.serverPage(viewer, "Settings", body.append("</section>").toString());
  }

  /**
   * Settings in browser mode for a user with a SecuPass: the fingerprint, and the safety words and
   * Unlock of the keys as this browser holds them (the page fills them in; the server's session is
   * not where they are unlocked), then the change and the reset, which run in the page.
   */
  private static String inBrowser(Viewer viewer, Fingerprint fingerprint, StringBuilder body) {
    body.append("<p id=\"secupass-status\">You have a SecuPass.</p><p>Your fingerprint (read it")
        .append(" out to people who want to be sure they have your real keys):</p>")
        .append("<p class=\"fingerprint\" id=\"fingerprint\">")
        .append(Html.esc(fingerprint.digits())).append("</p>")
        .append("<p id=\"client-safety-words\" hidden>Your safety words: <strong")
        .append(" id=\"safety-words\"></strong>. Someone who adds you to a data room or sends you")
        .append(" a delivery may ask you to read them out (by phone or in person) before your")
        .append(" keys get anything.</p>")
        .append(inPage("unlock-secupass", "Unlock in this browser", "unlock"))
        .append(changeInBrowser(viewer)).append(resetInBrowser(viewer));
    return body.append("</section>").toString();
  }

  /**
   * A button the page's script turns into its own SecuPass dialog (choose or enter: the SecuPass
   * stays in the browser). Without script, a link to the server's dialog, which says that the
   * server then receives the SecuPass.
   */
  private static String inPage(String id, String label, String mode) {
    return "<p><button type=\"button\" class=\"button\" id=\"" + id + "\" data-in-browser=\""
        + "secupass\" hidden>" + Html.esc(label) + "</button></p><p class=\"error\""
        + " id=\"secupass-error\" hidden></p><noscript><p><a class=\"button\""
        + " href=\"/secupass?mode=" + mode + "&amp;next=/settings\">"
        + Html.esc(label.replace(" in this browser", ""))
        + " on the server</a> (without script this page cannot keep your SecuPass in the"
        + " browser: the server's dialog receives it)</p></noscript>";
  }

  /**
   * The change form of browser mode: the page's script ({@code client.js}) re-seals the key blob
   * with the browser client and sends only the new blob ({@code POST /api/keys/reseal}). Its
   * fields have no names, so a post without the script carries no SecuPass, and the server refuses
   * it.
   */
  private static String changeInBrowser(Viewer viewer) {
    return "<h3>Change your SecuPass</h3><p>Your keys stay the same; only the passphrase that"
        + " protects them changes. This happens in this browser: neither SecuPass is sent to the"
        + " server.</p><form method=\"post\" action=\"/settings/secupass/change\""
        + " id=\"change-secupass\" data-in-browser=\"change\" data-min=\""
        + SampleHost.MIN_SECUPASS_LENGTH + "\">" + viewer.csrfField()
        + "<label>Current SecuPass <input type=\"password\" id=\"current-secupass\" required"
        + " autocomplete=\"current-password\"></label>"
        + "<label>New SecuPass (at least " + SampleHost.MIN_SECUPASS_LENGTH + " characters)"
        + " <input type=\"password\" id=\"next-secupass\" required"
        + " autocomplete=\"new-password\"></label>"
        + "<label>The same again <input type=\"password\" id=\"next-secupass-confirm\" required"
        + " autocomplete=\"new-password\"></label>"
        + "<button type=\"submit\" id=\"change-submit\">Change</button>"
        + "<p class=\"error\" id=\"change-error\" hidden></p><p class=\"wait\" hidden></p>"
        + "</form>";
  }

  /**
   * The reset after a forgotten SecuPass, in browser mode: the page makes new keys with the
   * browser client and sends them ({@code POST /api/keys/reset}); as the change form, its fields
   * have no names.
   */
  private static String resetInBrowser(Viewer viewer) {
    return "<h3 id=\"forgot\">Forgot your SecuPass?</h3><p>Nobody can recover it, not even this"
        + " server. A reset makes <strong>new keys</strong> in this browser, protected by a new"
        + " SecuPass; your old keys can no longer be opened.</p><ul><li>Deliveries and files sent"
        + " to your old keys must be <strong>granted again</strong>: each sender releases them to"
        + " your new keys from their browser (you are told when).</li><li>People who send to you"
        + " will see <strong>new safety words</strong> for you and may ask you to read them out"
        + " before they release anything.</li></ul><form method=\"post\""
        + " action=\"/settings/secupass/reset\" id=\"reset-secupass\" data-in-browser=\"reset\""
        + " data-min=\"" + SampleHost.MIN_SECUPASS_LENGTH + "\">" + viewer.csrfField()
        + "<label>New SecuPass (at least " + SampleHost.MIN_SECUPASS_LENGTH + " characters)"
        + " <input type=\"password\" id=\"reset-next\" required autocomplete=\"new-password\">"
        + "</label><label>The same again <input type=\"password\" id=\"reset-confirm\" required"
        + " autocomplete=\"new-password\"></label><label class=\"check\"><input"
        + " type=\"checkbox\" id=\"reset-understood\" required> I understand that my old keys are"
        + " replaced</label><button type=\"submit\" id=\"reset-submit\">Make new keys</button>"
        + "<p class=\"error\" id=\"reset-error\" hidden></p><p class=\"wait\" hidden></p>"
        + "</form>";
  }
}
