package dev.secupass.samples.web.routes;

import org.jspecify.annotations.Nullable;

/** Ends a request with an error page of the given status and a message for people. */
final class WebError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  WebError(int status, @Nullable String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
