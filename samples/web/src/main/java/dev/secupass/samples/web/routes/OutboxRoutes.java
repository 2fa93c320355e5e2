package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.samples.web.pages.OutboxPages;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sender's outbox and, per delivery, the recipients' state and the audit trail. */
final class OutboxRoutes {
  private static final int PAGE = 100;

  private final Web web;
  private final Deliveries deliveries;
  private final Grants grants;
  private final SecuPasses secuPass;

  OutboxRoutes(Web web, Deliveries deliveries, Grants grants, SecuPasses secuPass) {
    this.web = web;
    this.deliveries = deliveries;
    this.grants = grants;
    this.secuPass = secuPass;
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
        held(ctx, user, id)));
  }

  /**
   * The first contacts of {@code id} that wait for the sender's confirmation, while their
   * SecuPass session is open: ready grants to recipients whose keys the sender never pinned (the
   * default first-contact policy holds those), with the safety words of the keys stored for them.
   */
  private List<OutboxPages.FirstContact> held(Context ctx, SignedInUser user, DeliveryId id) {
    Optional<SecuPassSession> session = web.session(ctx).secuPass();
    if (session.isEmpty() || !session.get().isOpen()) {
      return List.of();
    }
    List<OutboxPages.FirstContact> held = new ArrayList<>();
    for (PendingGrant grant : grants.pending(user.user(), PAGE)) {
      UserId recipient = grant.recipient().user();
      if (grant.state() == PendingGrant.State.READY
          && grant.forDelivery().filter(id::equals).isPresent()
          && secuPass.pinnedFingerprint(session.get(), recipient).isEmpty()) {
        secuPass.fingerprint(recipient).ifPresent(f -> held.add(new OutboxPages.FirstContact(
            grant.id(), grant.recipient(), SafetyWords.of(f))));
      }
    }
    return held;
  }
}
