package dev.secupass.samples.web.routes;

import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.ProgressListener;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.samples.web.http.SpooledFile;
import dev.secupass.samples.web.http.UploadName;
import dev.secupass.samples.web.http.UploadSpool;
import dev.secupass.samples.web.pages.ComposePage;
import dev.secupass.samples.web.pages.Html;
import dev.secupass.samples.web.secupass.SecuPassGate;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * Sending: the compose page, the streamed upload of each file into the spool, and the send itself,
 * which at level 3 or 4 may first show the SecuPass dialog (the SDK's signal) and then goes on with
 * the same form and uploads.
 */
final class SendRoutes {
  /** Uploads one session may have waiting. */
  static final int MAX_SPOOLED = 50;

  private final Web web;
  private final SecuPassGate gate;
  private final Deliveries deliveries;
  private final UploadSpool spool;

  SendRoutes(Web web, SecuPassGate gate, Deliveries deliveries, UploadSpool spool) {
    this.web = web;
    this.gate = gate;
    this.deliveries = deliveries;
    this.spool = spool;
  }

  void register(RoutesConfig routes) {
    routes.get("/compose", this::compose);
    routes.post("/spool", this::upload);
    routes.post("/send", this::send);
    routes.get("/send/progress", this::progress);
  }

  private void compose(Context ctx) {
    web.staff(ctx);
    ctx.html(ComposePage.render(web.viewer(ctx), web.people().members(), spool.maxBytes()));
  }

  private void upload(Context ctx) throws IOException {
    web.staff(ctx);
    WebSession ws = web.session(ctx);
    UploadName.requireRawBody(ctx);
    String name = UploadName.of(ctx);
    if (ws.spooledCount() >= MAX_SPOOLED) {
      throw new WebError(429, "Too many uploads wait in this session; send or sign out first.");
    }
    SpooledFile file;
    try (InputStream body = ctx.bodyInputStream()) {
      file = spool.write(name, body);
    }
    ws.holdSpooled(file);
    ctx.contentType("text/plain; charset=utf-8").result(file.id());
  }

  /** The sending's progress, which the page shows while the server encrypts. */
  private void progress(Context ctx) {
    web.staff(ctx);
    ctx.contentType("text/plain; charset=utf-8").result(web.session(ctx).progress());
  }

  private void send(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    gate.acceptTyped(ctx, ws, user);
    DeliveryForm form = DeliveryForm.parse(ctx, ws, web.people());
    ProgressListener progress = (name, done, total) -> ws.progress("Encrypting " + name + ": "
        + (total > 0 ? done * 100 / total + "%" : Html.size(done)));
    SentDelivery sent;
    try {
      sent = gate.call(ctx, ws, session -> session == null
          ? deliveries.send(user, form.draft(progress))
          : deliveries.send(user, session, form.draft(progress)));
    } finally {
      ws.progress("");
    }
    ws.discardSpooled(form.files());
    // The sender's own copy of a level-1 link, for the Sent page (the SDK keeps only its hash).
    sent.linkToken().ifPresent(token -> ws.holdLink(sent.id(), token));
    web.people().rememberGuests(sent);
    StringBuilder flash = new StringBuilder("Sent at level " + sent.level().number() + " to "
        + sent.recipients().stream().map(web.people()::name).collect(Collectors.joining(", "))
        + ".");
    if (!sent.awaitingSecuPass().isEmpty()) {
      flash.append(" ").append(sent.awaitingSecuPass().size()).append(" must choose a SecuPass"
          + " first; you will be told when they have.");
    }
    if (!sent.awaitingConfirmation().isEmpty()) {
      flash.append(" ").append(sent.awaitingConfirmation().size()).append(" recipient(s) have"
          + " keys you never verified: compare their safety words below before it is released"
          + " to them.");
    }
    // Shown this once: the SDK keeps no copy it could show again.
    sent.accessCodes().forEach((person, code) -> flash.append(" Access code for ")
        .append(web.people().name(person)).append(": ").append(code.reveal())
        .append(" (tell it to them by phone or in person, not by e-mail; it is shown once)."));
    ws.flash(flash.toString());
    Web.seeOther(ctx, "/outbox/" + sent.id().value());
  }
}
