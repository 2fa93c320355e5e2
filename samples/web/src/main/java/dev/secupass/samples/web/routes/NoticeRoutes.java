package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.RoomId;
import dev.secupass.api.SafetyWordsMismatchException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.web.pages.FirstContactForm;
import dev.secupass.samples.web.pages.NoticesFragment;
import dev.secupass.samples.web.secupass.SecuPassGate;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sender's notices: grants that wait for them because a recipient (or a new room member) has
 * chosen a SecuPass. Unlocking releases them (the SDK fulfils every ready grant at unlock, and an
 * open session fulfils new ones without being asked); "release now" runs the grant engine for an
 * open session explicitly.
 */
final class NoticeRoutes {
  private static final int LIMIT = 20;
  /** How many pending grants a confirmation looks through for the recipient's name. */
  private static final int ALL = 1000;

  private final Web web;
  private final SecuPassGate gate;
  private final Grants grants;
  private final FirstContacts firstContacts;

  NoticeRoutes(Web web, SecuPassGate gate, Grants grants, FirstContacts firstContacts) {
    this.web = web;
    this.gate = gate;
    this.grants = grants;
    this.firstContacts = firstContacts;
  }

  void register(RoutesConfig routes) {
    routes.get("/notices", this::notices);
    routes.post("/grants/release", this::release);
    routes.post("/grants/confirm", this::confirm);
  }

  private void notices(Context ctx) {
    SignedInUser user = web.staff(ctx);
    // With the session open, the first contacts it holds get a link to compare safety words.
    Set<GrantId> held = web.session(ctx).secuPass().filter(SecuPassSession::isOpen)
        .map(session -> firstContacts.held(session, user.user(), grant -> true).stream()
            .map(FirstContactForm.Held::grant).collect(Collectors.toSet()))
        .orElse(Set.of());
    ctx.html(NoticesFragment.render(web.fragmentViewer(ctx), grants.pending(user.user(), LIMIT)
        .stream().filter(g -> g.state() == PendingGrant.State.READY).toList(), web.people(),
        held));
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
   * The granter confirms a first contact the default policy holds, with the safety words the
   * recipient read to them: a delivery's sender releases it, a room's owner or manager gives the
   * room key, if they are the words of the recipient's stored keys. Other words change nothing.
   */
  private void confirm(Context ctx) {
    SignedInUser user = web.staff(ctx);
    GrantId grant = new GrantId(Objects.requireNonNullElse(ctx.formParam("grant"), ""));
    String room = ctx.formParam("room");
    String back = room != null ? "/rooms/" + RoomId.of(room).value()
        : "/outbox/" + DeliveryId.of(Objects.requireNonNullElse(ctx.formParam("delivery"), ""))
            .value();
    SafetyWords words = SafetyWords.parse(Objects.requireNonNullElse(ctx.formParam("words"), ""));
    String who = grants.pending(user.user(), ALL).stream().filter(g -> g.id().equals(grant))
        .findFirst().map(g -> web.people().name(g.recipient())).orElse("them");
    try {
      gate.withSession(ctx, web.session(ctx), user.user(),
          session -> grants.confirmFirstContact(session, grant, words));
    } catch (SafetyWordsMismatchException e) {
      throw new WebError(403, "These are not the safety words of " + who + "'s keys, so nothing"
          + " was " + (room != null ? "granted" : "released") + ". Someone other than " + who
          + " may have chosen that SecuPass, or the keys were replaced: talk to " + who
          + " before anything else.");
    }
    web.session(ctx).flash("The safety words match: " + (room != null
        ? who + " has the room key now." : "released to " + who + "."));
    Web.seeOther(ctx, back);
  }
}
