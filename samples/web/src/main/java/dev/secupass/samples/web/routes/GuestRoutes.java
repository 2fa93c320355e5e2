package dev.secupass.samples.web.routes;

import dev.secupass.api.ConflictException;
import dev.secupass.api.WrongCredentialsException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.guests.GuestInvitation;
import dev.secupass.core.guests.Guests;
import dev.secupass.core.guests.Password;
import dev.secupass.samples.web.pages.GuestPages;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;

/**
 * A guest's way in: the invitation link from their e-mail, the first visit's registration (username
 * and password), sign-in on later visits, and their deliveries (from the notices the SDK recorded
 * for them: guests have no inbox). The invitation token is taken out of the address at once and
 * kept in the server-side session.
 */
final class GuestRoutes {
  private final Web web;
  private final Guests guests;
  private final Arrivals arrivals;

  GuestRoutes(Web web, Guests guests, Arrivals arrivals) {
    this.web = web;
    this.guests = guests;
    this.arrivals = arrivals;
  }

  void register(RoutesConfig routes) {
    routes.get("/invite/{token}", this::arrive);
    routes.get("/guest/welcome", this::welcome);
    routes.post("/guest/register", this::registerGuest);
    routes.post("/guest/sign-in", this::signIn);
    routes.get("/guest", this::home);
  }

  private void arrive(Context ctx) {
    LinkToken token = parse(ctx.pathParam("token"));
    guests.arrive(token);
    web.session(ctx).holdInvitation(token);
    ctx.redirect("/guest/welcome");
  }

  private void welcome(Context ctx) {
    GuestInvitation invitation = invitation(web.session(ctx));
    if (invitation.registered()) {
      ctx.html(GuestPages.signIn(web.viewer(ctx), "/deliveries/" + invitation.delivery().value(),
          null));
    } else {
      ctx.html(GuestPages.register(web.viewer(ctx), null, askCode(invitation)));
    }
  }

  private void registerGuest(Context ctx) {
    WebSession ws = web.session(ctx);
    LinkToken token = invitationToken(ws);
    GuestInvitation invitation = guests.arrive(token);
    String username = Objects.requireNonNullElse(ctx.formParam("username"), "");
    String password = Objects.requireNonNullElse(ctx.formParam("password"), "");
    boolean askCode = askCode(invitation);
    if (!password.equals(ctx.formParam("password_confirm"))) {
      ctx.status(400).html(GuestPages.register(web.viewer(ctx), "The two passwords differ.",
          askCode));
      return;
    }
    AccessCode code = null;
    if (askCode) {
      try {
        code = AccessCode.parse(Objects.requireNonNullElse(
            ctx.formParam(GuestPages.ACCESS_CODE), ""));
      } catch (IllegalArgumentException e) {
        ctx.status(400).html(GuestPages.register(web.viewer(ctx), "That is not an access code:"
            + " it has 12 letters and digits, as the sender read it to you.", true));
        return;
      }
    }
    SignedInUser guest;
    try (Password typed = Password.of(password)) {
      guest = guests.register(token, username, typed);
    } catch (IllegalArgumentException | ConflictException e) {
      ctx.status(400).html(GuestPages.register(web.viewer(ctx), e.getMessage(), askCode));
      return;
    }
    WebSession signedIn = web.sessions().signIn(ctx, guest);
    if (code != null) {
      // Checked at the activation, which binds the new keys to it (an Argon2id derivation).
      signedIn.holdAccessCode(code);
    }
    Web.seeOther(ctx, "/deliveries/" + invitation.delivery().value());
  }

  private void signIn(Context ctx) {
    String next = Web.localPath(ctx.formParam("next"), "/guest");
    String username = Objects.requireNonNullElse(ctx.formParam("username"), "");
    String password = Objects.requireNonNullElse(ctx.formParam("password"), "");
    SignedInUser guest;
    try (Password typed = Password.of(password)) {
      guest = guests.signIn(username, typed);
    } catch (WrongCredentialsException | IllegalArgumentException e) {
      ctx.status(403).html(GuestPages.signIn(web.viewer(ctx), next,
          "Wrong username or password."));
      return;
    }
    web.sessions().signIn(ctx, guest);
    Web.seeOther(ctx, next);
  }

  private void home(Context ctx) {
    SignedInUser guest = web.user(ctx);
    ctx.html(GuestPages.home(web.viewer(ctx), List.copyOf(arrivals.forGuest(guest).values())));
  }

  /**
   * Whether the registration asks for the access code: only when levels 3 and 4 run on the
   * server. In the browser the page asks for it when the guest chooses a SecuPass, and the code
   * never reaches the server.
   */
  private boolean askCode(GuestInvitation invitation) {
    return invitation.accessCodeRequired() && !web.inBrowser();
  }

  private GuestInvitation invitation(WebSession ws) {
    return guests.arrive(invitationToken(ws));
  }

  private static LinkToken invitationToken(WebSession ws) {
    return ws.invitation().orElseThrow(() -> new WebError(400,
        "Open the link in your e-mail first."));
  }

  private static LinkToken parse(String text) {
    try {
      return LinkToken.parse(text);
    } catch (IllegalArgumentException e) {
      throw new WebError(404, "This link is not valid. Check that it was copied whole.");
    }
  }
}
