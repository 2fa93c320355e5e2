package dev.secupass.samples.web;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.web.host.Housekeeping;
import dev.secupass.samples.web.host.MailOutbox;
import dev.secupass.samples.web.host.MailWriter;
import dev.secupass.samples.web.host.People;
import dev.secupass.samples.web.host.SampleSignIn;
import dev.secupass.samples.web.http.ClientAssets;
import dev.secupass.samples.web.http.UploadSpool;
import dev.secupass.samples.web.routes.WebRoutes;
import dev.secupass.samples.web.session.WebSessions;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The web sample, running: a Javalin (Jetty) server whose pages play every role of the SecuPass
 * story against a {@link SampleHost}'s SDK and user directory, plus the host's timers. {@link
 * #close()} stops the server and ends every web session (closing their SecuPass sessions); the
 * host stays open for its owner to close.
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

  /**
   * Starts serving {@code host} as {@code settings} say. An empty user directory first gets the
   * sample's people ({@link SampleSignIn#seedIfEmpty()}).
   */
  public static WebSample start(SampleHost host, WebSettings settings) {
    return start(host, settings, config -> { });
  }

  /**
   * Starts serving as {@link #start(SampleHost, WebSettings)} does, after letting {@code extra}
   * add to the server's configuration (a servlet filter, a connector): the sample's tests install
   * their recorder of request bodies this way.
   */
  public static WebSample start(SampleHost host, WebSettings settings,
      Consumer<JavalinConfig> extra) {
    SecuPassSdk sdk = host.sdk();
    Clock clock = host.settings().clock();
    SecureRandom random = new SecureRandom();
    People people = new People(host.directory());
    new SampleSignIn(people).seedIfEmpty();
    WebSessions sessions = new WebSessions(clock, settings.sessionIdle(),
        settings.sessionLifetime(), random, settings.secureCookies());
    MailOutbox mails = new MailOutbox(sdk.events(), new MailWriter(people, clock));
    UploadSpool spool = new UploadSpool(settings.spoolDirectory(), settings.maxUploadBytes(),
        random);
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
      WebRoutes.register(config.routes, sdk, people, sessions, mails, spool,
          new WebRoutes.RelaySettings(settings.browserClient() ? ClientAssets.load() : null,
              host.settings().kdf().policy(), clock, settings.uploadChunkBytes()));
      extra.accept(config);
    });
    server.start();
    return new WebSample(server, sessions, mails,
        new Housekeeping(mails, sessions, sdk.deliveries()));
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
