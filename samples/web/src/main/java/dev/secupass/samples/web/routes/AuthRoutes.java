package dev.secupass.samples.web.routes;

import dev.secupass.api.PrincipalKind;
import dev.secupass.core.SignedInUser;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.web.host.SampleSignIn;
import dev.secupass.samples.web.pages.SignInPages;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The host's sign-in and sign-out for employees and partners, and the start page. */
final class AuthRoutes {
  private final Web web;
  private final SampleSignIn login;

  AuthRoutes(Web web, SampleSignIn login) {
    this.web = web;
    this.login = login;
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::home);
    routes.get("/sign-in", ctx -> showSignIn(ctx, null));
    routes.post("/sign-in", this::signIn);
    routes.post("/sign-out", this::signOut);
  }

  private void home(Context ctx) {
    Optional<SignedInUser> user = web.session(ctx).user();
    if (user.isEmpty()) {
      ctx.redirect("/sign-in");
    } else {
      ctx.redirect(user.get().kind() == PrincipalKind.GUEST ? "/guest" : "/inbox");
    }
  }

  private void showSignIn(Context ctx, @Nullable String error) {
    String next = Web.localPath(ctx.queryParam("next"), "/inbox");
    if (error != null) {
      next = Web.localPath(ctx.formParam("next"), "/inbox");
    }
    ctx.html(SignInPages.signIn(web.viewer(ctx), web.people().members(), next, error));
  }

  private void signIn(Context ctx) {
    String username = Objects.requireNonNullElse(ctx.formParam("username"), "");
    String password = Objects.requireNonNullElse(ctx.formParam("password"), "");
    Optional<DirectoryUser> user = login.authenticate(username, password);
    if (user.isEmpty()) {
      ctx.status(403);
      showSignIn(ctx, "Wrong username or password.");
      return;
    }
    web.sessions().signIn(ctx, user.get().signedIn());
    Web.seeOther(ctx, Web.localPath(ctx.formParam("next"), "/inbox"));
  }

  private void signOut(Context ctx) {
    web.sessions().signOut(ctx);
    Web.seeOther(ctx, "/sign-in");
  }
}
