package dev.secupass.samples.web.routes;

import dev.secupass.api.PrincipalKind;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.samples.web.host.People;
import dev.secupass.samples.web.pages.Html;
import dev.secupass.samples.web.pages.Layout;
import dev.secupass.samples.web.pages.Viewer;
import dev.secupass.samples.web.session.WebSession;
import dev.secupass.samples.web.session.WebSessions;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/** What every handler needs: the request's session, who signed in, and the page frame. */
final class Web {
  private final WebSessions sessions;
  private final People people;
  private final SecuPasses secuPass;
  private final String clientScripts;

  /**
   * @param clientScripts the browser client's module tags for every page, or "" when levels 3 and
   *     4 run on the server
   */
  Web(WebSessions sessions, People people, SecuPasses secuPass, String clientScripts) {
    this.sessions = sessions;
    this.people = people;
    this.secuPass = secuPass;
    this.clientScripts = clientScripts;
  }

  /** Whether levels 3 and 4 run in the browser. */
  boolean inBrowser() {
    return !clientScripts.isEmpty();
  }

  WebSessions sessions() {
    return sessions;
  }

  People people() {
    return people;
  }

  WebSession session(Context ctx) {
    return sessions.current(ctx);
  }

  /**
   * The signed-in user; otherwise to the sign-in page (and back here afterwards), or 401 for a
   * script's request (the relay routes under /api/, and POSTs).
   */
  SignedInUser user(Context ctx) {
    return session(ctx).user().orElseThrow(() -> HandlerType.GET.equals(ctx.method())
        && !ctx.path().startsWith("/api/")
        ? new Redirect("/sign-in?next=" + Html.url(pathAndQuery(ctx)))
        : new WebError(401, "Sign in first."));
  }

  /** The signed-in employee or partner; guests get 403. */
  SignedInUser staff(Context ctx) {
    SignedInUser user = user(ctx);
    if (user.kind() == PrincipalKind.GUEST) {
      throw new WebError(403, "Guests can only open the deliveries sent to them.");
    }
    return user;
  }

  /** The viewer of a whole page, which shows (and so takes) the session's one-time message. */
  Viewer viewer(Context ctx) {
    return viewer(ctx, true);
  }

  /** The viewer of a fragment a script fetches, which leaves the one-time message for the page. */
  Viewer fragmentViewer(Context ctx) {
    return viewer(ctx, false);
  }

  private Viewer viewer(Context ctx, boolean takeFlash) {
    WebSession ws = session(ctx);
    SignedInUser user = ws.user().orElse(null);
    Viewer.SecuPassState state = Viewer.SecuPassState.NOT_APPLICABLE;
    if (user != null) {
      state = ws.secuPass().isPresent() ? Viewer.SecuPassState.UNLOCKED
          : secuPass.hasSecuPass(user.user()) ? Viewer.SecuPassState.LOCKED
          : Viewer.SecuPassState.NONE;
    }
    return new Viewer(ws.csrfToken(), user, user == null ? "" : people.name(user.user()), state,
        takeFlash ? ws.takeFlash().orElse(null) : null, WebSessions.expiredOnArrival(ctx),
        clientScripts);
  }

  void render(Context ctx, String title, String body) {
    ctx.html(Layout.page(viewer(ctx), title, body));
  }

  /** After a successful form post: to {@code path} with 303 (the reload does not post again). */
  static void seeOther(Context ctx, String path) {
    ctx.redirect(path, HttpStatus.SEE_OTHER);
  }

  /** {@code next} if it is a path of this site, otherwise {@code fallback}. */
  static String localPath(@Nullable String next, String fallback) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
        || next.chars().anyMatch(Character::isISOControl)) {
      return fallback;
    }
    return next;
  }

  private static String pathAndQuery(Context ctx) {
    String query = ctx.queryString();
    return ctx.path() + (query == null ? "" : "?" + query);
  }
}
