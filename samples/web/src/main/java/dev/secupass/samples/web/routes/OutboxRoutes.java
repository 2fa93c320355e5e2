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
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The sender's outbox and, per delivery, the recipients' state and the audit trail. */
final class OutboxRoutes {
  private static final int PAGE = 100;

  private final Web web;
  private final Deliveries deliveries;
  private final FirstContacts firstContacts;

  OutboxRoutes(Web web, Deliveries deliveries, FirstContacts firstContacts) {
    this.web = web;
    this.deliveries = deliveries;
    this.firstContacts = firstContacts;
  }

  void register(RoutesConfig routes) {
    routes.get("/outbox", this::outbox);
    routes.get("/outbox/{id}", this::sent);
  }

  private void outbox(Context ctx) {
    SignedInUser user = web.staff(ctx);
    ctx.html(OutboxPages.outbox(web.viewer(ctx),
        deliveries.outbox(user, PageRequest.first(PAGE)).items(), web.people()));
  }

  private void sent(Context ctx) {
    SignedInUser user = web.staff(ctx);
    DeliveryId id = Ids.delivery(ctx);
    DeliverySummary summary = deliveries.outbox(user, PageRequest.first(PAGE)).items().stream()
        .filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new WebError(404, "You sent no such delivery (among your latest "
            + PAGE + ")."));
    List<RecipientStatus> recipients = deliveries.recipientStatus(user, id);
    ctx.html(OutboxPages.sent(web.viewer(ctx), summary, recipients,
        deliveries.auditTrail(user, id, PageRequest.first(PAGE)).items(), web.people(),
        held(ctx, user, id), shareLink(ctx, id)));
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
