package dev.secupass.samples.web.session;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The synchronizer-token check every state-changing request passes before its handler runs: a
 * form carries the session's token in the hidden field {@value #FIELD}; an upload (a raw request
 * body) carries it in the header {@value #HEADER}. A request without the right token is refused
 * with 403, whatever else it carries.
 */
public final class CsrfGuard {
  /** The hidden form field. */
  public static final String FIELD = "_csrf";
  /** The header of uploads and script requests. */
  public static final String HEADER = "X-CSRF-Token";

  private final WebSessions sessions;

  public CsrfGuard(WebSessions sessions) {
    this.sessions = sessions;
  }

  /** Refuses {@code ctx} unless it carries its session's token (POST, PUT and DELETE requests). */
  public void check(Context ctx) {
    String sent = ctx.header(HEADER);
    if (sent == null && ctx.isFormUrlencoded()) {
      sent = ctx.formParam(FIELD);
    }
    String expected = sessions.current(ctx).csrfToken();
    if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8))) {
      throw new ForbiddenResponse("The form's security token is missing or out of date (CSRF"
          + " protection). Reload the page and try again.");
    }
  }
}
