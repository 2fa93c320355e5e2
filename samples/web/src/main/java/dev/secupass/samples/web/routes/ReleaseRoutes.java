package dev.secupass.samples.web.routes;

import dev.secupass.samples.web.pages.Layout;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The sender's release page when levels 3 and 4 run in the browser: the page's script unlocks
 * the sender's SecuPass in the page, fetches the waiting grants ({@code /api/grants}), applies
 * the first-contact rule (pin, access-code binding, confirmation by the recipient's safety words,
 * the key log's proof) and posts the envelopes it wraps. The server renders only the frame.
 */
final class ReleaseRoutes {
  private final Web web;

  ReleaseRoutes(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/release", this::page);
  }

  private void page(Context ctx) {
    web.staff(ctx);
    ctx.html(Layout.clientPage(web.viewer(ctx), "Release your deliveries",
        "<p>Recipients who have chosen a SecuPass wait for the key of your deliveries. Your"
            + " browser checks their keys and wraps the key to them; your SecuPass stays in this"
            + " page.</p><div id=\"release\" class=\"release\"><p class=\"wait\">Looking for"
            + " waiting recipients…</p></div>"));
  }
}
