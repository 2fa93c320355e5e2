package dev.secupass.samples.web.routes;

import dev.secupass.api.ConflictException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.StorageException;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.delivery.DeliveryExpiredException;
import dev.secupass.core.delivery.DeliveryWithdrawnException;
import dev.secupass.core.delivery.DownloadLimitReachedException;
import dev.secupass.core.delivery.NotARecipientException;
import dev.secupass.core.delivery.NotReleasedException;
import dev.secupass.core.delivery.SignInRequiredException;
import dev.secupass.core.delivery.WrongLinkTokenException;
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
 * status says what went wrong (403 not permitted, 404 not found, 410 expired, 409 conflict or
 * tampering, 413 too large). Script requests (not asking for HTML) get the message as plain text.
 * The SDK's messages carry no secrets, so they are shown as they are.
 */
final class ErrorPages {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

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
    routes.exception(HttpResponseException.class,
        (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
    routes.exception(UploadTooLargeException.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
    routes.exception(SecuPassException.class, (e, ctx) -> error(ctx, status(e), message(e)));
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
    String message = reason != null ? reason : title(status) + ".";
    ctx.status(status);
    if (!wantsHtml(ctx)) {
      ctx.contentType("text/plain; charset=utf-8").result(message);
      return;
    }
    ctx.html(Layout.page(web.viewer(ctx), title(status), "<p class=\"error\" id=\"error-message\">"
        + Html.esc(message) + "</p><p><a href=\"/\">Back to the start</a></p>"));
  }

  static int status(SecuPassException e) {
    if (e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof DeliveryExpiredException || e instanceof DeliveryWithdrawnException
        || e instanceof DownloadLimitReachedException) {
      return 410;
    }
    if (e instanceof SignInRequiredException) {
      return 401;
    }
    if (e instanceof NotPermittedException || e instanceof WrongSecuPassException) {
      return 403;
    }
    if (e instanceof NotReleasedException || e instanceof ConflictException
        || e instanceof IntegrityException || e instanceof InvalidSignatureException
        || e instanceof KeyChangedException) {
      return 409;
    }
    if (e instanceof StorageException) {
      return 503;
    }
    return 500;
  }

  private static @Nullable String message(SecuPassException e) {
    if (e instanceof NotARecipientException) {
      return "This delivery was not sent to you.";
    }
    if (e instanceof WrongLinkTokenException) {
      return "This link does not open this delivery.";
    }
    if (e instanceof DeliveryExpiredException) {
      return "This delivery has expired.";
    }
    if (e instanceof IntegrityException || e instanceof InvalidSignatureException) {
      return "The stored data failed its integrity check, so nothing was shown: "
          + e.getMessage();
    }
    return e.getMessage();
  }

  private static String title(int status) {
    return switch (status) {
      case 401 -> "Sign in first";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
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
