package dev.secupass.samples.web.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The name of a file uploaded as a raw request body: the page's script sends it percent-encoded
 * (UTF-8) in the {@value #HEADER} header, since headers carry only ASCII.
 */
public final class UploadName {
  /** The header with the file's name. */
  public static final String HEADER = "X-File-Name";

  private UploadName() {}

  /**
   * The decoded name.
   *
   * @throws IllegalArgumentException if the header is missing or not valid percent-encoding
   */
  public static String of(Context ctx) {
    String encoded = ctx.header(HEADER);
    if (encoded == null || encoded.isBlank()) {
      throw new IllegalArgumentException("an upload names its file in the " + HEADER + " header");
    }
    String name = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1).strip();
  }

  /**
   * Refuses anything but a raw body ({@code application/octet-stream}): the sample does not parse
   * multipart forms.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static void requireRawBody(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT)
        .startsWith("application/octet-stream")) {
      throw new IllegalArgumentException("an upload is sent as application/octet-stream");
    }
  }
}
