package dev.secupass.samples.web;

import dev.secupass.samples.web.host.Housekeeping;
import dev.secupass.samples.web.host.MailOutbox;
import dev.secupass.samples.web.host.MailWriter;
import dev.secupass.samples.web.host.People;
import dev.secupass.samples.web.http.UploadSpool;
import dev.secupass.samples.web.routes.WebRoutes;
import dev.secupass.samples.web.session.WebSessions;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.staticfiles.Location;

/**
 * The web sample, running: a Javalin (Jetty) server whose pages play every role of the SecuPass
 * story against {@link SampleHost}'s SDK, plus the host's timers. {@link #close()} stops the
 * server and ends every web session (closing their SecuPass sessions).
 */
public final class WebSample implements AutoCloseable {
  private final Javalin server;
  private final WebSessions sessions;
  private final MailOutbox mails;
  private final Housekeeping housekeeping;

  private WebSample(Javalin server, WebSessions sessions, MailOutbox mails,
      Housekeeping housekeeping) {
    this.server = server;
    this.sessions = sessions;
    this.mails = mails;
    this.housekeeping = housekeeping;
  }

  /** Starts serving {@code host} as {@code settings} say. */
  public static WebSample start(SampleHost host, WebSettings settings) {
    People people = new People(host.directory(), host.guests());
    WebSessions sessions = new WebSessions(host.clock(), settings.sessionIdle(),
        settings.sessionLifetime(), host.random(), settings.secureCookies());
    MailOutbox mails = new MailOutbox(host.sdk().events(), new MailWriter(people, host.clock()));
    UploadSpool spool = new UploadSpool(settings.spoolDirectory(), settings.maxUploadBytes(),
        host.random());
    Javalin server = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      // Compressing pages that mix secrets with attacker-chosen text invites BREACH; files are
      // ciphertext-sized anyway.
      config.http.compressionStrategy = CompressionStrategy.NONE;
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/web";
        files.location = Location.CLASSPATH;
      });
      WebRoutes.register(config.routes, host.sdk(), host.guests(), people, sessions, mails, spool,
          host.clock());
    });
    server.start();
    return new WebSample(server, sessions, mails,
        new Housekeeping(mails, sessions, host.sdk().deliveries()));
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The address to open in a browser. */
  public String address() {
    return "http://localhost:" + port() + "/";
  }

  /** The mails the sample has "sent". */
  public MailOutbox mails() {
    return mails;
  }

  /** The live web sessions. */
  public WebSessions sessions() {
    return sessions;
  }

  @Override
  public void close() {
    housekeeping.close();
    server.stop();
    sessions.close();
  }
}
