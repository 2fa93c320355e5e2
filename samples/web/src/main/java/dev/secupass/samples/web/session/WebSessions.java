package dev.secupass.samples.web.session;

import dev.secupass.core.SignedInUser;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-side sessions behind the sample's cookie. A session ends after {@code idle} without a
 * request or {@code lifetime} after it began, whichever comes first; ending closes its SecuPass
 * session and opened deliveries. Signing in replaces the session (a new id and CSRF token), so an
 * id planted before sign-in is worthless after it.
 *
 * <p>The cookie is {@code HttpOnly} and {@code SameSite=Lax} (and {@code Secure} when the sample
 * is served over HTTPS); it holds 256 random bits and nothing else.
 */
public final class WebSessions implements AutoCloseable {
  /** The session cookie's name. */
  public static final String COOKIE = "secupass_web";
  private static final String ATTRIBUTE = "secupass.webSession";
  private static final String EXPIRED = "secupass.webSessionExpired";

  private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;
  private final Duration lifetime;
  private final SecureRandom random;
  private final boolean secureCookie;

  public WebSessions(Clock clock, Duration idle, Duration lifetime, SecureRandom random,
      boolean secureCookie) {
    this.clock = clock;
    this.idle = idle;
    this.lifetime = lifetime;
    this.random = random;
    this.secureCookie = secureCookie;
  }

  /**
   * This request's session: the cookie's if it is live, otherwise a new anonymous one (whose
   * cookie the response sets).
   */
  public WebSession current(Context ctx) {
    WebSession cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    Instant now = clock.instant();
    String id = ctx.cookie(COOKIE);
    WebSession session = id == null ? null : sessions.get(id);
    if (session != null && !isLive(session, now)) {
      end(session);
      ctx.attribute(EXPIRED, true);
      session = null;
    }
    if (session == null) {
      session = create(ctx, now);
    } else {
      session.touch(now);
    }
    ctx.attribute(ATTRIBUTE, session);
    return session;
  }

  /** Whether this request came with a session that had expired (the page says so). */
  public static boolean expiredOnArrival(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(EXPIRED));
  }

  /** Replaces the request's session with a new one for {@code user}. */
  public WebSession signIn(Context ctx, SignedInUser user) {
    end(current(ctx));
    WebSession session = create(ctx, clock.instant());
    session.signIn(user);
    ctx.attribute(ATTRIBUTE, session);
    return session;
  }

  /** Ends the request's session (sign-out) and clears the cookie. */
  public void signOut(Context ctx) {
    end(current(ctx));
    ctx.attribute(ATTRIBUTE, null);
    ctx.header("Set-Cookie", cookie("", 0));
  }

  /** Ends every session past its idle time or lifetime; returns how many. */
  public int sweep() {
    Instant now = clock.instant();
    List<WebSession> expired = sessions.values().stream().filter(s -> !isLive(s, now)).toList();
    expired.forEach(this::end);
    return expired.size();
  }

  /** How many sessions are live (for tests and the console). */
  public int size() {
    return sessions.size();
  }

  /** Ends every session. */
  @Override
  public void close() {
    List.copyOf(sessions.values()).forEach(this::end);
  }

  private boolean isLive(WebSession session, Instant now) {
    return !session.isClosed()
        && now.isBefore(session.lastSeen().plus(idle))
        && now.isBefore(session.createdAt().plus(lifetime));
  }

  private WebSession create(Context ctx, Instant now) {
    WebSession session = new WebSession(randomToken(), randomToken(), now);
    sessions.put(session.id(), session);
    ctx.header("Set-Cookie", cookie(session.id(), -1));
    return session;
  }

  private void end(WebSession session) {
    sessions.remove(session.id(), session);
    session.close();
  }

  private String cookie(String value, int maxAge) {
    return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Lax"
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (secureCookie ? "; Secure" : "");
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
