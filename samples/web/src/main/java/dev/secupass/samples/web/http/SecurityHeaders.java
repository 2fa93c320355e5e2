package dev.secupass.samples.web.http;

import io.javalin.http.Context;

/**
 * Headers every response carries: a Content-Security-Policy that allows only the sample's own
 * script and style files (no inline script, no framing, forms only to this origin), no MIME
 * sniffing, no referrer (links may carry tokens), and no caching of pages that show deliveries.
 * File downloads tighten the policy further ({@link FileResponse}).
 */
public final class SecurityHeaders {
  /**
   * The policy of the sample's pages: scripts only from this origin, and WebAssembly (the browser
   * client's Argon2id) as the one addition; no inline script, no eval.
   */
  public static final String PAGE_POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval';"
      + " style-src 'self';"
      + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
      + " base-uri 'none'";

  private SecurityHeaders() {}

  /** Sets the headers on {@code ctx}'s response (a before-handler for every path). */
  public static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", PAGE_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }
}
