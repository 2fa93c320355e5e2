package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PageRequest;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.samples.web.pages.OutboxPages;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The sender's outbox and, per delivery, the recipients' state and the audit trail. */
final class OutboxRoutes {
  private static final int PAGE = 100;

  private final Web web;
  private final Deliveries deliveries;

  OutboxRoutes(Web web, Deliveries deliveries) {
    this.web = web;
    this.deliveries = deliveries;
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
    ctx.html(OutboxPages.sent(web.viewer(ctx), summary, deliveries.recipientStatus(user, id),
        deliveries.auditTrail(user, id, PageRequest.first(PAGE)).items(), web.people()));
  }
}
