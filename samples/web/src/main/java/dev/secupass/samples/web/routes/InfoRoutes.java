package dev.secupass.samples.web.routes;

import dev.secupass.samples.web.host.MailOutbox;
import dev.secupass.samples.web.pages.AboutPage;
import dev.secupass.samples.web.pages.MailsPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Pages without sign-in: the outbox of sent mails and the note on where encryption runs. */
final class InfoRoutes {
  private final Web web;
  private final MailOutbox mails;

  InfoRoutes(Web web, MailOutbox mails) {
    this.web = web;
    this.mails = mails;
  }

  void register(RoutesConfig routes) {
    routes.get("/mails", this::mails);
    routes.get("/about", ctx -> ctx.html(AboutPage.render(web.viewer(ctx))));
  }

  private void mails(Context ctx) {
    ctx.html(MailsPage.render(web.viewer(ctx), mails.mails(), ctx.scheme() + "://" + ctx.host()));
  }
}
