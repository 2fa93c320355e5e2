package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.samples.web.pages.NoticesFragment;
import dev.secupass.samples.web.secupass.SecuPassGate;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * The sender's notices: grants that wait for them because a recipient (or a new room member) has
 * chosen a SecuPass. Unlocking releases them (the SDK fulfils every ready grant at unlock, and an
 * open session fulfils new ones without being asked); "release now" runs the grant engine for an
 * open session explicitly.
 */
final class NoticeRoutes {
  private static final int LIMIT = 20;

  private final Web web;
  private final SecuPassGate gate;
  private final Grants grants;

  NoticeRoutes(Web web, SecuPassGate gate, Grants grants) {
    this.web = web;
    this.gate = gate;
    this.grants = grants;
  }

  void register(RoutesConfig routes) {
    routes.get("/notices", this::notices);
    routes.post("/grants/release", this::release);
    routes.post("/grants/confirm", this::confirm);
  }

  private void notices(Context ctx) {
    SignedInUser user = web.staff(ctx);
    ctx.html(NoticesFragment.render(web.fragmentViewer(ctx), grants.pending(user.user(), LIMIT).stream()
        .filter(g -> g.state() == PendingGrant.State.READY).toList(), web.people()));
  }

  private void release(Context ctx) {
    SignedInUser user = web.staff(ctx);
    GrantRun run = gate.withSession(ctx, web.session(ctx), user.user(), grants::fulfil);
    web.session(ctx).flash("Released " + run.fulfilled().size() + " waiting key(s)."
        + (run.keyChanges().isEmpty() ? "" : " " + run.keyChanges().size() + " recipient(s) have"
        + " new keys since you last used theirs: compare fingerprints with them before anything"
        + " is released to them."));
    Web.seeOther(ctx, "/outbox");
  }

  /**
   * The sender confirms a first contact the default policy holds, with the safety words the
   * recipient read to them: released if they are the words of the recipient's stored keys.
   */
  private void confirm(Context ctx) {
    SignedInUser user = web.staff(ctx);
    GrantId grant = new GrantId(Objects.requireNonNullElse(ctx.formParam("grant"), ""));
    DeliveryId delivery = DeliveryId.of(Objects.requireNonNullElse(ctx.formParam("delivery"),
        ""));
    SafetyWords words = SafetyWords.parse(Objects.requireNonNullElse(ctx.formParam("words"), ""));
    GrantRun run = gate.withSession(ctx, web.session(ctx), user.user(),
        session -> grants.confirmFirstContact(session, grant, words));
    web.session(ctx).flash("The safety words match: released to " + run.fulfilled().size()
        + " recipient(s).");
    Web.seeOther(ctx, "/outbox/" + delivery.value());
  }
}
