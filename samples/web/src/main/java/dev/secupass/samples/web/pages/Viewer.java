package dev.secupass.samples.web.pages;

import dev.secupass.api.PrincipalKind;
import dev.secupass.core.SignedInUser;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who is looking at a page, as the layout needs it.
 *
 * @param csrfToken the session's form token
 * @param user who signed in, or {@code null}
 * @param name their display name ("" when nobody signed in)
 * @param secuPass their SecuPass's state
 * @param flash a one-time message, or {@code null}
 * @param sessionExpired whether the request came with an expired session
 * @param clientScripts the module tags of the browser client that runs levels 3 and 4 in the
 *     page, or "" where the server runs them
 */
public record Viewer(String csrfToken, @Nullable SignedInUser user, String name,
    SecuPassState secuPass, @Nullable String flash, boolean sessionExpired,
    String clientScripts) {

  /** Where a user's SecuPass stands in this web session. */
  public enum SecuPassState {
    /** Nobody signed in. */
    NOT_APPLICABLE,
    /** The user has not chosen one. */
    NONE,
    /** Chosen, but not entered in this session (or the session closed). */
    LOCKED,
    /** Entered: the private keys are open in this server's memory. */
    UNLOCKED
  }

  public Viewer {
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secuPass, "secuPass");
    Objects.requireNonNull(clientScripts, "clientScripts");
  }

  /** Whether levels 3 and 4 run in this browser (the browser client's scripts are on the page). */
  public boolean inBrowser() {
    return !clientScripts.isEmpty();
  }

  public Optional<SignedInUser> signedIn() {
    return Optional.ofNullable(user);
  }

  /** Whether an employee or partner signed in (they have an inbox, outbox and rooms). */
  public boolean isStaff() {
    return user != null && user.kind() != PrincipalKind.GUEST;
  }

  /** The hidden CSRF field of every form. */
  public String csrfField() {
    return "<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.esc(csrfToken) + "\">";
  }

  /** A form that posts to {@code action} with just a button. */
  public String button(String action, String label, String cssClass) {
    return "<form method=\"post\" action=\"" + Html.esc(action) + "\" class=\"inline\">"
        + csrfField() + "<button type=\"submit\" class=\"" + cssClass + "\">" + Html.esc(label)
        + "</button></form>";
  }
}
