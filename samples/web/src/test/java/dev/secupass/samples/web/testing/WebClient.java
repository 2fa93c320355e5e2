package dev.secupass.samples.web.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client (java.net.http) that behaves like one browser: it keeps the session cookie,
 * reads the CSRF token from pages, and does not follow redirects, so tests see every status.
 */
public final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern COOKIE = Pattern.compile("secupass_web=([^;]*)");

  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final String origin;
  private String cookie = "";
  private String csrf = "";

  public WebClient(String origin) {
    this.origin = origin;
  }

  /** A response as text. */
  public record Page(int status, String body, HttpResponse<?> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse("");
    }

    public String location() {
      return header("Location");
    }
  }

  public Page get(String path) {
    return text(request(path).GET());
  }

  /** GETs a page and keeps its CSRF token for the next posts. */
  public Page open(String path) {
    Page page = get(path);
    Matcher m = CSRF.matcher(page.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return page;
  }

  /** Posts a form with the session's CSRF token. */
  public Page post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    fields.put("_csrf", csrf());
    return postRaw(path, fields);
  }

  /** Posts a form exactly as given (no token added). */
  public Page postRaw(String path, Map<String, String> form) {
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return text(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts JSON as the browser client's page glue does, with or without its CSRF header. */
  public Page postJson(String path, String json, boolean withToken) {
    HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (withToken) {
      request.header("X-CSRF-Token", csrf());
    }
    return text(request);
  }

  /**
   * Sends a raw body with any method (PUT, DELETE ...), with or without the CSRF header, and
   * extra headers (name, value, ...).
   */
  public Page send(String method, String path, byte[] body, boolean withToken,
      String... headers) {
    HttpRequest.Builder request = request(path)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (withToken) {
      request.header("X-CSRF-Token", csrf());
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return text(request);
  }

  /** Uploads a raw body as the page's script does, streamed (chunked: its length unknown). */
  public Page upload(String path, String fileName, Supplier<InputStream> body, boolean withToken) {
    return upload(path, fileName, HttpRequest.BodyPublishers.ofInputStream(body), withToken);
  }

  /**
   * Uploads a small body of known length, as the page's script sends a file: a request the server
   * refuses before reading its body (no CSRF token) gets its answer, where a chunked one may see
   * the connection closed before its body is sent.
   */
  public Page upload(String path, String fileName, byte[] body, boolean withToken) {
    return upload(path, fileName, HttpRequest.BodyPublishers.ofByteArray(body), withToken);
  }

  private Page upload(String path, String fileName, HttpRequest.BodyPublisher body,
      boolean withToken) {
    HttpRequest.Builder request = request(path)
        .header("Content-Type", "application/octet-stream")
        .header("X-File-Name", URLEncoder.encode(fileName, StandardCharsets.UTF_8)
            .replace("+", "%20"))
        .POST(body);
    if (withToken) {
      request.header("X-CSRF-Token", csrf());
    }
    return text(request);
  }

  /** GETs a download as a stream, with optional extra headers (such as Range). */
  public HttpResponse<InputStream> download(String path, String... headers) {
    HttpRequest.Builder request = request(path).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<InputStream> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofInputStream());
      remember(response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Signs an employee or partner in; returns the redirect response. */
  public Page signIn(String username, String password) {
    open("/sign-in");
    return post("/sign-in", Map.of("username", username, "password", password));
  }

  /** The session's CSRF token, fetched from a page if not known yet. */
  public String csrf() {
    if (csrf.isEmpty()) {
      open("/about");
    }
    return csrf;
  }

  /** The session cookie's value, for a test that speaks HTTP over a socket of its own. */
  public String cookie() {
    return cookie;
  }

  /** Forgets the token (after sign-in a new session has a new one). */
  public void refreshCsrf() {
    csrf = "";
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(origin + path))
        .header("Accept", "text/html");
    if (!cookie.isEmpty()) {
      builder.header("Cookie", "secupass_web=" + cookie);
    }
    return builder;
  }

  private Page text(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      remember(response);
      return new Page(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void remember(HttpResponse<?> response) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      Matcher m = COOKIE.matcher(header);
      if (m.find()) {
        if (!m.group(1).equals(cookie)) {
          csrf = "";
        }
        cookie = m.group(1);
      }
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
