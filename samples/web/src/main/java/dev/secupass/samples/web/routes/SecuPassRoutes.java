package dev.secupass.samples.web.routes;

import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.web.pages.SettingsPage;
import dev.secupass.samples.web.secupass.DialogNeeded;
import dev.secupass.samples.web.secupass.SecuPassGate;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * The SecuPass dialog asked for directly (from settings, or a page that needs it before showing
 * anything), locking, and changing a SecuPass.
 */
final class SecuPassRoutes {
  private final Web web;
  private final SecuPassGate gate;
  private final SecuPasses secuPass;

  SecuPassRoutes(Web web, SecuPassGate gate, SecuPasses secuPass) {
    this.web = web;
    this.gate = gate;
    this.secuPass = secuPass;
  }

  void register(RoutesConfig routes) {
    routes.get("/secupass", this::dialog);
    routes.post("/secupass", this::enter);
    routes.post("/secupass/lock", this::lock);
    routes.get("/settings", this::settings);
    routes.post("/settings/secupass/change", this::change);
    if (web.inBrowser()) {
      routes.post("/settings/secupass/reset", this::refuseInBrowser);
    }
  }

  private void dialog(Context ctx) {
    SignedInUser user = web.user(ctx);
    String next = Web.localPath(ctx.queryParam("next"), "/");
    boolean has = secuPass.hasSecuPass(user.user());
    throw SecuPassGate.ask(has ? DialogNeeded.Mode.UNLOCK : DialogNeeded.Mode.ACTIVATE, next);
  }

  private void enter(Context ctx) {
    SignedInUser user = web.user(ctx);
    String next = Web.localPath(ctx.formParam("next"), "/");
    if (ctx.formParam(SecuPassGate.FIELD) == null) {
      throw new WebError(400, "No SecuPass was entered.");
    }
    gate.acceptTyped(ctx, web.session(ctx), user);
    Web.seeOther(ctx, next);
  }

  private void lock(Context ctx) {
    web.user(ctx);
    web.session(ctx).lockSecuPass();
    web.session(ctx).flash("Your SecuPass is locked: its keys were wiped from the server's memory.");
    Web.seeOther(ctx, "/settings");
  }

  private void settings(Context ctx) {
    SignedInUser user = web.staff(ctx);
    ctx.html(SettingsPage.render(web.viewer(ctx), secuPass.fingerprint(user.user()),
        web.session(ctx).secuPass().filter(SecuPassSession::isOpen)
            .map(session -> SafetyWords.of(session.fingerprint())).orElse(null)));
  }

  private void change(Context ctx) {
    if (web.inBrowser()) {
      refuseInBrowser(ctx);
    }
    SignedInUser user = web.staff(ctx);
    String current = Objects.requireNonNullElse(ctx.formParam("current"), "");
    String next = Objects.requireNonNullElse(ctx.formParam("next_secupass"), "");
    if (next.length() < SampleHost.MIN_SECUPASS_LENGTH || !next.equals(ctx.formParam("next_confirm"))) {
      throw new WebError(400, "The new SecuPass needs at least " + SampleHost.MIN_SECUPASS_LENGTH
          + " characters, typed the same twice.");
    }
    try (SecuPass old = SecuPass.of(current); SecuPass replacement = SecuPass.of(next)) {
      secuPass.change(user.user(), old, replacement);
    } catch (WrongSecuPassException e) {
      throw new WebError(403, "The current SecuPass is wrong.");
    } catch (IllegalArgumentException e) {
      throw new WebError(400, "Enter your current SecuPass.");
    }
    web.session(ctx).flash("Your SecuPass was changed.");
    Web.seeOther(ctx, "/settings");
  }

  /**
   * In browser mode the settings page changes and resets the SecuPass in the page (client.js), and
   * only a re-sealed or new key record reaches the server: a post here (a page without its script,
   * or anything else) is refused without reading a SecuPass from it, so none is used by accident.
   */
  private void refuseInBrowser(Context ctx) {
    web.staff(ctx);
    throw new WebError(400, "Your SecuPass is changed in the page, so that it never reaches the"
        + " server, and this page needs its script for that. Nothing was changed.");
  }
}
