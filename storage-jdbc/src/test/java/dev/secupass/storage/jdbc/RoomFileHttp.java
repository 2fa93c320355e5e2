package dev.secupass.storage.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.relay.UploadedContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two byte-moving operations of a room file as a host maps them onto HTTP, for the room
 * client in Node.js: {@code PUT /uploads/USER?storedSize=N} streams the request body through
 * {@code relay.upload} as that user (the client encrypts while it sends) and answers the upload's
 * blob, sizes and digest; {@code GET /rooms/ROOM/files/FILE?as=USER} answers a {@code Range}
 * request with {@code relay.readRoomFile} as that user (206). The answered uploads are kept for
 * the test's {@code addRoomFile}. Authentication is the test's: it names the user in the URL.
 */
final class RoomFileHttp implements AutoCloseable {
  private static final Pattern FILE = Pattern.compile("/rooms/([^/]+)/files/([^/]+)");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

  private final ClientRelay relay;
  private final HttpServer server;
  private final Map<String, UploadedContent> uploads = new ConcurrentHashMap<>();

  RoomFileHttp(ClientRelay relay) {
    this.relay = relay;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/uploads/", this::upload);
    server.createContext("/rooms/", this::read);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The upload the relay answered for {@code blob}. */
  UploadedContent upload(String blob) {
    UploadedContent content = uploads.get(blob);
    if (content == null) {
      throw new IllegalStateException("no upload of blob " + blob);
    }
    return content;
  }

  private void upload(HttpExchange exchange) throws IOException {
    try (exchange) {
      UserId user = UserId.of(decode(exchange.getRequestURI().getPath().substring(9)));
      long storedSize = Long.parseLong(query(exchange, "storedSize"));
      UploadedContent content;
      try (InputStream body = exchange.getRequestBody()) {
        content = relay.upload(SignedInUser.employee(user), storedSize, body);
      } catch (RuntimeException e) {
        answer(exchange, 400, e.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        return;
      }
      uploads.put(content.blob().value(), content);
      answer(exchange, 200, NodeClient.json(Map.of("blob", content.blob().value(),
          "size", content.size(), "storedSize", content.storedSize(),
          "digest", Base64.getEncoder().encodeToString(content.digest())))
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  private void read(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = FILE.matcher(exchange.getRequestURI().getPath());
      Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders()
          .getFirst("Range")));
      if (!path.matches() || !range.matches()) {
        answer(exchange, 400, new byte[0]);
        return;
      }
      long first = Long.parseLong(range.group(1));
      long length = Long.parseLong(range.group(2)) - first + 1;
      byte[] bytes;
      try (InputStream in = relay.readRoomFile(
          SignedInUser.employee(UserId.of(query(exchange, "as"))),
          RoomId.of(decode(path.group(1))), FileId.of(decode(path.group(2))), first, length)) {
        bytes = in.readAllBytes();
      } catch (RuntimeException e) {
        answer(exchange, 403, e.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        return;
      }
      exchange.getResponseHeaders().set("Content-Range",
          "bytes " + first + "-" + (first + bytes.length - 1) + "/*");
      answer(exchange, 206, bytes);
    }
  }

  private static String query(HttpExchange exchange, String name) {
    for (String pair : String.valueOf(exchange.getRequestURI().getRawQuery()).split("&")) {
      if (pair.startsWith(name + "=")) {
        return decode(pair.substring(name.length() + 1));
      }
    }
    throw new IllegalArgumentException("no " + name);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
