package dev.secupass.samples.web.routes;

/** Ends a request with a redirect (303 after a form post, 302 otherwise). */
final class Redirect extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String location;

  Redirect(String location) {
    super("redirect", null, false, false);
    this.location = location;
  }

  String location() {
    return location;
  }
}
