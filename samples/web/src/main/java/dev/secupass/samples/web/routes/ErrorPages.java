package dev.secupass.samples.web.routes;

import dev.secupass.api.ActionRequiredException;
import dev.secupass.api.BusyException;
import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.RefusedException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.StorageException;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.samples.web.http.UploadTooLargeException;
import dev.secupass.samples.web.pages.Html;
import dev.secupass.samples.web.pages.Layout;
import dev.secupass.samples.web.pages.SecuPassDialog;
import dev.secupass.samples.web.secupass.DialogNeeded;
import dev.secupass.samples.web.secupass.KdfTiming;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what handlers throw into responses: the SecuPass dialog, redirects, and error pages whose
 * status follows the SDK's exception kinds (403 an action required or a refusal, 404 not found,
 * 410 a delivery that is gone, 409 a conflict or tampering, 503 storage failing or busy, 413 too
 * large). Script requests (not asking for HTML) get the message as plain text.
 * The SDK's messages carry no secrets, so they are shown as they are.
 */
final class ErrorPages {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

  /** What an unknown address or id says. */
  static final String NOT_FOUND = "There is no page at this address. If you followed a link,"
      + " check that it was copied whole; otherwise start again from your pages.";

  private final Web web;
  private final KdfTiming timing;

  ErrorPages(Web web, KdfTiming timing) {
    this.web = web;
    this.timing = timing;
  }

  void register(RoutesConfig routes) {
    routes.exception(DialogNeeded.class, this::dialog);
    routes.exception(Redirect.class, (e, ctx) -> ctx.redirect(e.location(),
        HandlerType.GET.equals(ctx.method()) ? HttpStatus.FOUND : HttpStatus.SEE_OTHER));
    routes.exception(WebError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    // Javalin's own 404 ("Endpoint GET /x not found") speaks to developers: people get the page.
    routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        e.getStatus() == 404 ? null : e.getMessage()));
    routes.exception(UploadTooLargeException.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
    routes.exception(SecuPassException.class, (e, ctx) -> {
      if (isApi(ctx)) {
        api(ctx, relayStatus(e), e.getClass().getSimpleName(), e.getMessage());
      } else {
        // The SDK's "not found" names the id it did not find; people get the page without it.
        error(ctx, status(e), status(e) == 404 ? null : message(e));
      }
    });
    routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("a {} request failed", ctx.method(), e);
      error(ctx, 500, "Something went wrong on the server.");
    });
  }

  private void dialog(DialogNeeded needed, Context ctx) {
    if (!wantsHtml(ctx)) {
      ctx.status(needed.status() == 200 ? 401 : needed.status()).contentType("text/plain")
          .result(needed.error().orElse(needed.getMessage()));
      return;
    }
    ctx.status(needed.status()).html(SecuPassDialog.page(web.viewer(ctx), needed, timing.last()));
  }

  private void error(Context ctx, int status, @Nullable String reason) {
    if (isApi(ctx)) {
      api(ctx, status, "HttpError", reason != null ? reason : title(status) + ".");
      return;
    }
    String message = reason != null ? reason : status == 404 ? NOT_FOUND : title(status) + ".";
    ctx.status(status);
    if (!wantsHtml(ctx)) {
      ctx.contentType("text/plain; charset=utf-8").result(message);
      return;
    }
    ctx.html(Layout.page(web.viewer(ctx), title(status), "<p class=\"error\" id=\"error-message\">"
        + Html.esc(message) + "</p><p><a href=\"/\" id=\"home\">Back to the start</a></p>"));
  }

  /**
   * The status of an SDK error, by its kind: what the user must do first or what was refused is
   * 403 (410 for a delivery that is gone), a conflict or failed integrity check 409, a backend
   * that failed or is busy 503.
   */
  static int status(SecuPassException e) {
    if (e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof DeliveryExpiredException || e instanceof DeliveryWithdrawnException
        || e instanceof DownloadLimitReachedException) {
      return 410;
    }
    if (e instanceof ActionRequiredException || e instanceof RefusedException) {
      return 403;
    }
    if (e instanceof IntegrityException || e instanceof ConflictException
        || e instanceof UnsupportedFormatException) {
      return 409;
    }
    if (e instanceof StorageException || e instanceof BusyException) {
      return 503;
    }
    return 500;
  }

  /**
   * The status of a relay route's error, as docs/client-exchange.md ("Errors") suggests: what the
   * client sent does not hold (400), a conflict or a missing SecuPass (409), a refusal (403),
   * not found (404), a delivery that is gone (410).
   */
  static int relayStatus(SecuPassException e) {
    if (e instanceof IntegrityException || e instanceof UnsupportedFormatException) {
      return 400;
    }
    if (e instanceof SecuPassRequiredException || e instanceof ConflictException) {
      return 409;
    }
    if (e instanceof DownloadLimitReachedException) {
      return 403;
    }
    return status(e);
  }

  private static boolean isApi(Context ctx) {
    return ctx.path().startsWith("/api/");
  }

  /** The most of a refused request's unread body the server reads and drops (a chunk's size twice). */
  private static final long DRAIN_LIMIT = 16L << 20;

  /**
   * Reads and drops what is left of a refused request's body (up to {@link #DRAIN_LIMIT}), so the
   * client, still sending when the refusal was decided, reads the answer instead of a closed
   * connection ("received no bytes"). A body that is cut or longer is left to the server to close.
   */
  static void drainBody(Context ctx) {
    try {
      java.io.InputStream in = ctx.req().getInputStream();
      long left = DRAIN_LIMIT;
      byte[] buffer = new byte[8192];
      for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
        left -= n;
      }
    } catch (java.io.IOException | IllegalStateException e) {
      // Cut by the client, or the body was read as a reader: nothing left to drain here.
    }
  }

  /** A relay route's error as JSON: the exception's kind for the page's code, and its message. */
  private static void api(Context ctx, int status, String kind, @Nullable String message) {
    drainBody(ctx);
    com.google.gson.JsonObject body = new com.google.gson.JsonObject();
    body.addProperty("error", kind);
    body.addProperty("message", message == null ? title(status) + "." : message);
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  /** The SDK's message, which speaks the user's words; an integrity failure says what it means. */
  private static @Nullable String message(SecuPassException e) {
    return e instanceof IntegrityException
        ? "The stored data failed its integrity check, so nothing was shown: " + e.getMessage()
        : e.getMessage();
  }

  private static String title(int status) {
    return switch (status) {
      case 401 -> "Sign in first";
      case 403 -> "Not possible";
      case 404 -> "Page not found";
      case 409 -> "Not possible now";
      case 410 -> "Gone";
      case 413 -> "Too large";
      default -> status >= 500 ? "Server error" : "Cannot do that";
    };
  }

  private static boolean wantsHtml(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/html");
  }
}
