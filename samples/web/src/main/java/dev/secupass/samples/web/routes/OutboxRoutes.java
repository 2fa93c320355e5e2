package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PageRequest;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.web.pages.FirstContactForm;
import dev.secupass.samples.web.pages.OutboxPages;
import dev.secupass.samples.web.secupass.SecuPassGate;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sender's outbox and, per delivery, the recipients' state, the audit trail and withdrawing it
 * (levels 1 and 2 here; levels 3 and 4 in browser mode in the page, which signs the withdrawal).
 */
final class OutboxRoutes {
  private static final int PAGE = 100;

  private final Web web;
  private final Deliveries deliveries;
  private final FirstContacts firstContacts;
  private final SecuPassGate gate;

  OutboxRoutes(Web web, Deliveries deliveries, FirstContacts firstContacts, SecuPassGate gate) {
    this.web = web;
    this.deliveries = deliveries;
    this.firstContacts = firstContacts;
    this.gate = gate;
  }

  void register(RoutesConfig routes) {
    routes.get("/outbox", this::outbox);
    routes.get("/outbox/{id}", this::sent);
    routes.post("/outbox/{id}/withdraw", this::withdraw);
  }

  private void outbox(Context ctx) {
    SignedInUser user = web.staff(ctx);
    ctx.html(OutboxPages.outbox(web.viewer(ctx),
        deliveries.outbox(user, PageRequest.first(PAGE)).items(), web.people()));
  }

  private DeliverySummary summary(SignedInUser user, DeliveryId id) {
    return deliveries.outbox(user, PageRequest.first(PAGE)).items().stream()
        .filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new WebError(404, "You sent no such delivery (among your latest "
            + PAGE + ")."));
  }

  private void sent(Context ctx) {
    SignedInUser user = web.staff(ctx);
    DeliveryId id = Ids.delivery(ctx);
    DeliverySummary summary = summary(user, id);
    List<RecipientStatus> recipients = deliveries.recipientStatus(user, id);
    ctx.html(OutboxPages.sent(web.viewer(ctx), summary, recipients,
        deliveries.auditTrail(user, id, PageRequest.first(PAGE)).items(), web.people(),
        held(ctx, user, id), shareLink(ctx, id)));
  }

  /**
   * Withdraws a delivery: levels 1 and 2 need no key (the SDK seals the withdrawal under the
   * host's key). Levels 3 and 4 are signed by the sender's keys: in browser mode the Sent page
   * signs in the browser ({@code POST /api/deliveries/{id}/withdraw}) and a post here is refused;
   * with the server's SDK, the server's SecuPass session signs (the dialog asks for it).
   */
  private void withdraw(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    DeliveryId id = Ids.delivery(ctx);
    DeliverySummary summary = summary(user, id);
    if (!summary.level().requiresSecuPass()) {
      deliveries.withdraw(user, id);
    } else if (web.inBrowser()) {
      throw new WebError(400, "A level " + summary.level().number() + " delivery is withdrawn"
          + " in your browser, which signs the withdrawal with your keys; this page needs its"
          + " script for that. Nothing was withdrawn.");
    } else {
      gate.acceptTyped(ctx, ws, user);
      gate.withSession(ctx, ws, user.user(), session -> {
        deliveries.withdraw(user, session, id);
        return id;
      });
    }
    ws.flash("You withdrew the delivery: nobody can open it any more, and its files are"
        + " deleted.");
    Web.seeOther(ctx, "/outbox/" + id.value());
  }

  /** A level-1 delivery's link, while the session that sent it keeps its token. */
  private @Nullable String shareLink(Context ctx, DeliveryId id) {
    return web.session(ctx).link(id).map(token -> ctx.scheme() + "://" + ctx.host() + "/link/"
        + id.value() + "/" + token.reveal()).orElse(null);
  }

  /**
   * The first contacts of {@code id} that wait for the sender's confirmation, while their
   * SecuPass session is open.
   */
  private List<FirstContactForm.Held> held(Context ctx, SignedInUser user, DeliveryId id) {
    Optional<SecuPassSession> session = web.session(ctx).secuPass();
    if (session.isEmpty() || !session.get().isOpen()) {
      return List.of();
    }
    return firstContacts.held(session.get(), user.user(),
        grant -> grant.forDelivery().filter(id::equals).isPresent());
  }
}
