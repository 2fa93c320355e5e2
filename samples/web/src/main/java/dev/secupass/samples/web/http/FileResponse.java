package dev.secupass.samples.web.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Streams a delivered or room file to the browser as a download that cannot run in the sample's
 * origin: {@code application/octet-stream}, {@code Content-Disposition: attachment}, {@code
 * nosniff}, and a sandboxing Content-Security-Policy, whatever the file's name or bytes. The bytes
 * are decrypted as they are written (one segment in memory); a {@code Range} header is answered
 * with 206 and only the segments that hold the range are read, so a browser can resume.
 */
public final class FileResponse {
  private static final int CHUNK = 64 * 1024;

  /** Opens the plaintext of a file, whole or a range of it. */
  public interface Source {
    InputStream whole() throws IOException;

    InputStream range(long offset, long length) throws IOException;
  }

  private FileResponse() {}

  /** Sends the file {@code name} of {@code size} bytes from {@code source}. */
  public static void send(Context ctx, String name, long size, Source source) throws IOException {
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(ctx.header("Range"), size);
    } catch (ByteRange.UnsatisfiableRangeException e) {
      ctx.status(416).header("Content-Range", "bytes */" + e.size());
      return;
    }
    long length = range.map(ByteRange::length).orElse(size);
    try (InputStream in = range.isPresent()
        ? source.range(range.get().offset(), range.get().length()) : source.whole()) {
      ctx.header("Content-Type", "application/octet-stream");
      ctx.header("Content-Disposition", disposition(name));
      ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Accept-Ranges", "bytes");
      if (range.isPresent()) {
        ctx.status(206).header("Content-Range", range.get().contentRange(size));
      }
      ctx.res().setContentLengthLong(length);
      OutputStream out = ctx.res().getOutputStream();
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        out.write(chunk, 0, n);
      }
      out.flush();
    }
  }

  /** {@code attachment} with an ASCII fallback name and the UTF-8 name (RFC 6266). */
  static String disposition(String name) {
    StringBuilder ascii = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
    }
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
