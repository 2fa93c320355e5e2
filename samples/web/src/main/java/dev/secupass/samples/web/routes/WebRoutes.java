package dev.secupass.samples.web.routes;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.samples.web.host.MailOutbox;
import dev.secupass.samples.web.host.People;
import dev.secupass.samples.web.host.SampleSignIn;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.samples.web.http.ClientAssets;
import dev.secupass.samples.web.http.SecurityHeaders;
import dev.secupass.samples.web.http.UploadSpool;
import dev.secupass.samples.web.secupass.KdfTiming;
import dev.secupass.samples.web.secupass.SecuPassGate;
import dev.secupass.samples.web.session.CsrfGuard;
import dev.secupass.samples.web.session.WebSessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Every route of the sample, behind two checks that run first for every request: the security
 * headers, and the CSRF token on every request that changes something (POST, PUT, DELETE).
 */
public final class WebRoutes {
  private WebRoutes() {}

  /**
   * What the relay routes need beyond the SDK.
   *
   * @param assets the browser client's scripts, or {@code null} when levels 3 and 4 run on the
   *     server (then no relay route is served)
   * @param kdf the Argon2id cost of new key records
   * @param clock the server's clock, which manifests' times must be near
   * @param chunkBytes the size of the chunks the browser client uploads ciphertext in
   */
  public record RelaySettings(@Nullable ClientAssets assets, KdfPolicy kdf, Clock clock,
      int chunkBytes) {}

  /** Registers the routes, their guards and the error pages. */
  public static void register(RoutesConfig routes, SecuPassSdk sdk, People people,
      WebSessions sessions, MailOutbox mails, UploadSpool spool, RelaySettings relay) {
    CsrfGuard csrf = new CsrfGuard(sessions);
    KdfTiming timing = new KdfTiming();
    SecuPassGate gate = new SecuPassGate(sdk.secuPass(), timing);
    ClientAssets assets = relay.assets();
    Web web = new Web(sessions, people, sdk.secuPass(), assets == null ? "" : assets.scriptTags());
    routes.before(SecurityHeaders::apply);
    routes.before(ctx -> {
      if (!HandlerType.GET.equals(ctx.method()) && !HandlerType.HEAD.equals(ctx.method())) {
        csrf.check(ctx);
      }
    });
    new AuthRoutes(web, new SampleSignIn(people)).register(routes);
    Arrivals arrivals = new Arrivals(sdk.deliveries(), sdk.events(), people);
    new GuestRoutes(web, sdk.guests(), arrivals).register(routes);
    new SecuPassRoutes(web, gate, sdk.secuPass()).register(routes);
    new SendRoutes(web, gate, sdk.deliveries(), spool).register(routes);
    new DeliveryRoutes(web, gate, sdk.deliveries(), sdk.events(), arrivals).register(routes);
    FirstContacts firstContacts = new FirstContacts(sdk.grants(), sdk.secuPass());
    new OutboxRoutes(web, sdk.deliveries(), firstContacts, gate).register(routes);
    new NoticeRoutes(web, gate, sdk.grants(), firstContacts).register(routes);
    new RoomRoutes(web, gate, sdk.rooms(), assets == null ? null : sdk.relay(),
        firstContacts, spool.maxBytes()).register(routes);
    new InfoRoutes(web, mails).register(routes);
    if (assets != null) {
      assets.register(routes);
      new RelayRoutes(web, sdk.relay(), relay.kdf(), relay.clock(), spool, relay.chunkBytes())
          .register(routes);
      new ReleaseRoutes(web).register(routes);
    }
    new ErrorPages(web, timing).register(routes);
  }
}
