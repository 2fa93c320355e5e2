package dev.secupass.samples.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the web sample serves: where it listens, how long web sessions live, where uploads wait and
 * how large they may be.
 *
 * @param host the interface to listen on ({@code localhost} by default: the sample is not meant to
 *     face a network)
 * @param port the port, 0 for any free one
 * @param sessionIdle a web session ends after this long without a request
 * @param sessionLifetime and at the latest this long after sign-in
 * @param spoolDirectory where uploads wait (encrypted) until their delivery is sent
 * @param maxUploadBytes the largest file accepted
 * @param secureCookies whether the session cookie is {@code Secure} (behind HTTPS)
 * @param browserClient whether levels 3 and 4 and data rooms run in the browser through the
 *     browser client and the relay (the default); without it, the pages send and open them and
 *     run data rooms on the server as before
 * @param uploadChunkBytes the size of the chunks the browser client uploads its ciphertext in
 */
public record WebSettings(String host, int port, Duration sessionIdle, Duration sessionLifetime,
    Path spoolDirectory, long maxUploadBytes, boolean secureCookies, boolean browserClient,
    int uploadChunkBytes) {

  /** 30 minutes of idleness or 8 hours in all. */
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
  /** 4 GiB. */
  public static final long DEFAULT_MAX_UPLOAD = 4L << 30;
  /** 8 MiB. */
  public static final int DEFAULT_UPLOAD_CHUNK = 8 << 20;

  public WebSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sessionIdle, "sessionIdle");
    Objects.requireNonNull(sessionLifetime, "sessionLifetime");
    Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port must be 0-65535");
    }
    if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionLifetime.compareTo(sessionIdle)
        < 0) {
      throw new IllegalArgumentException("sessions need a positive idle time no longer than"
          + " their lifetime");
    }
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("the upload limit must be positive");
    }
    if (uploadChunkBytes < 1024) {
      throw new IllegalArgumentException("upload chunks must be at least 1 KiB");
    }
  }

  /** The defaults, listening on {@code localhost:port}, spooling under {@code dataDirectory}. */
  public static WebSettings defaults(int port, Path dataDirectory) {
    return new WebSettings("localhost", port, DEFAULT_IDLE, DEFAULT_LIFETIME,
        dataDirectory.resolve("web-spool"), DEFAULT_MAX_UPLOAD, false, true, DEFAULT_UPLOAD_CHUNK);
  }

  public WebSettings withHost(String name) {
    return new WebSettings(name, port, sessionIdle, sessionLifetime, spoolDirectory,
        maxUploadBytes, secureCookies, browserClient, uploadChunkBytes);
  }

  public WebSettings withMaxUploadBytes(long bytes) {
    return new WebSettings(host, port, sessionIdle, sessionLifetime, spoolDirectory, bytes,
        secureCookies, browserClient, uploadChunkBytes);
  }

  /** With levels 3 and 4 in the browser ({@code true}) or on the server. */
  public WebSettings withBrowserClient(boolean inBrowser) {
    return new WebSettings(host, port, sessionIdle, sessionLifetime, spoolDirectory,
        maxUploadBytes, secureCookies, inBrowser, uploadChunkBytes);
  }

  /** With the browser client's uploads in chunks of {@code bytes} (tests use small ones). */
  public WebSettings withUploadChunkBytes(int bytes) {
    return new WebSettings(host, port, sessionIdle, sessionLifetime, spoolDirectory,
        maxUploadBytes, secureCookies, browserClient, bytes);
  }
}
