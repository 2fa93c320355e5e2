package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.PageRequest;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.events.DeliveryReleased;
import dev.secupass.core.events.Events;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.web.http.FileResponse;
import dev.secupass.samples.web.pages.Arrival;
import dev.secupass.samples.web.pages.DeliveryPages;
import dev.secupass.samples.web.secupass.SecuPassGate;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A recipient's side: the inbox, opening a delivery (signed in, or by a level-1 link), waiting
 * for the sender to release a level 3 or 4 delivery, and downloading its files. An opened delivery
 * stays in the server-side session, holding its content key, until the session ends; its downloads
 * read from it.
 */
final class DeliveryRoutes {
  private static final int INBOX_PAGE = 100;

  private final Web web;
  private final SecuPassGate gate;
  private final Deliveries deliveries;
  private final Events events;
  private final Arrivals arrivals;

  DeliveryRoutes(Web web, SecuPassGate gate, Deliveries deliveries, Events events,
      Arrivals arrivals) {
    this.web = web;
    this.gate = gate;
    this.deliveries = deliveries;
    this.events = events;
    this.arrivals = arrivals;
  }

  void register(RoutesConfig routes) {
    routes.get("/inbox", this::inbox);
    routes.get("/deliveries/{id}", this::show);
    routes.post("/deliveries/{id}/open", this::open);
    routes.get("/deliveries/{id}/status", this::status);
    routes.get("/deliveries/{id}/files/{file}", this::download);
    routes.get("/link/{id}/{token}", this::arriveByLink);
    routes.get("/link/{id}", this::showLink);
    routes.post("/link/{id}/open", this::openByLink);
  }

  private void inbox(Context ctx) {
    SignedInUser user = web.staff(ctx);
    ctx.html(DeliveryPages.inbox(web.viewer(ctx),
        deliveries.inbox(user, PageRequest.first(INBOX_PAGE)).items(), web.people()));
  }

  private void show(Context ctx) {
    DeliveryId id = Ids.delivery(ctx);
    Optional<OpenedDelivery> opened = web.session(ctx).opened(id);
    if (opened.isPresent()) {
      ctx.html(DeliveryPages.opened(web.viewer(ctx), opened.get(), web.people()));
      return;
    }
    Arrival arrival = arrivals.find(web.user(ctx), id).orElseThrow(() -> new WebError(404, null));
    ctx.html(DeliveryPages.unopened(web.viewer(ctx), arrival,
        "/deliveries/" + id.value() + "/open"));
  }

  private void open(Context ctx) {
    SignedInUser user = web.user(ctx);
    WebSession ws = web.session(ctx);
    DeliveryId id = Ids.delivery(ctx);
    gate.acceptTyped(ctx, ws, user);
    OpenedDelivery opened;
    try {
      opened = gate.call(ctx, ws, session -> session == null
          ? deliveries.open(user, id) : deliveries.open(user, session, id));
    } catch (NotReleasedException e) {
      ctx.status(202).html(DeliveryPages.waiting(web.viewer(ctx), id,
          arrivals.find(user, id).orElse(null),
          ws.secuPass().filter(SecuPassSession::isOpen)
              .map(session -> SafetyWords.of(session.fingerprint())).orElse(null)));
      return;
    }
    ws.holdOpened(opened);
    Web.seeOther(ctx, "/deliveries/" + id.value());
  }

  /** "released" once the reader was told the delivery is released to them, else "waiting". */
  private void status(Context ctx) {
    SignedInUser user = web.user(ctx);
    DeliveryId id = Ids.delivery(ctx);
    boolean released = events.forUser(user.user(), PageRequest.first(INBOX_PAGE)).items().stream()
        .anyMatch(e -> e instanceof DeliveryReleased notice && notice.delivery().equals(id));
    ctx.contentType("text/plain; charset=utf-8").result(released ? "released" : "waiting");
  }

  private void download(Context ctx) throws IOException {
    DeliveryId id = Ids.delivery(ctx);
    FileId fileId = Ids.file(ctx);
    OpenedDelivery opened = web.session(ctx).opened(id).orElseThrow(() -> new WebError(409,
        "Open the delivery first (its page has the button)."));
    DeliveredFile file = opened.files().stream().filter(f -> f.id().equals(fileId)).findFirst()
        .orElseThrow(() -> new WebError(404, "The delivery has no such file."));
    FileResponse.send(ctx, file.name(), file.size(), new FileResponse.Source() {
      @Override
      public InputStream whole() {
        return opened.read(fileId);
      }

      @Override
      public InputStream range(long offset, long length) throws IOException {
        return opened.read(fileId, offset, length);
      }
    });
  }

  /** The level-1 link from the e-mail: the token moves into the session, out of the address. */
  private void arriveByLink(Context ctx) {
    DeliveryId id = Ids.delivery(ctx);
    LinkToken token;
    try {
      token = LinkToken.parse(ctx.pathParam("token"));
    } catch (IllegalArgumentException e) {
      throw new WebError(404, "This link is not valid. Check that it was copied whole.");
    }
    web.session(ctx).holdLink(id, token);
    ctx.redirect("/link/" + id.value());
  }

  private void showLink(Context ctx) {
    DeliveryId id = Ids.delivery(ctx);
    linkToken(web.session(ctx), id);
    ctx.html(DeliveryPages.unopened(web.viewer(ctx), null, "/link/" + id.value() + "/open"));
  }

  private void openByLink(Context ctx) {
    DeliveryId id = Ids.delivery(ctx);
    WebSession ws = web.session(ctx);
    ws.holdOpened(deliveries.openByLink(id, linkToken(ws, id)));
    Web.seeOther(ctx, "/deliveries/" + id.value());
  }

  private static LinkToken linkToken(WebSession ws, DeliveryId id) {
    return ws.link(id).orElseThrow(() -> new WebError(404,
        "Open the link from your e-mail again."));
  }
}
