package dev.secupass.storage.s3.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on a loopback port in front of an S3 endpoint that injects network and server
 * faults into chosen requests: it drops the connection before forwarding a request or after
 * part of its body, stalls without reading, forwards it and drops the connection instead of
 * relaying the answer (a lost response), answers 500 or 503 itself, relays only the first bytes
 * of a response body and then closes (a response cut short), or relays an answer with a wrong
 * {@code Content-Range}. Every connection carries one request ({@code Connection: close}
 * upstream), so each request can be matched on its own; it also counts them.
 */
public final class FaultProxy implements AutoCloseable {

  /** One request as the proxy saw it. */
  public record Request(String method, String target, Map<String, String> headers) {
    /** An UploadPart: {@code PUT ...?partNumber=...&uploadId=...}. */
    public boolean isUploadPart() {
      return method.equals("PUT") && target.contains("partNumber=");
    }

    /** A PutObject: a PUT of a key without a part number. */
    public boolean isPutObject() {
      return method.equals("PUT") && !target.contains("partNumber=") && path().indexOf('/', 1) > 0;
    }

    /** A CompleteMultipartUpload: {@code POST ...?uploadId=...}. */
    public boolean isCompleteUpload() {
      return method.equals("POST") && target.contains("uploadId=");
    }

    /** A HeadObject: a HEAD of a key. */
    public boolean isHeadObject() {
      return method.equals("HEAD") && path().indexOf('/', 1) > 0;
    }

    /** A GetObject: a GET of a key. */
    public boolean isGetObject() {
      return method.equals("GET") && path().indexOf('/', 1) > 0 && !target.contains("uploadId=");
    }

    private String path() {
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }
  }

  /** What to do to a request. */
  public record Fault(Kind kind, int status, long bytes, String code, String message) {
    enum Kind {
      PASS, DROP_REQUEST, CUT_REQUEST, STALL, MISLABEL_RANGE, DROP_RESPONSE, ANSWER, CUT_RESPONSE
    }

    /** Closes the connection without forwarding the request. */
    public static Fault dropRequest() {
      return new Fault(Kind.DROP_REQUEST, 0, 0, "", "");
    }

    /**
     * Forwards the request's head and the first {@code bytes} of its body, then closes both
     * connections: a connection lost while the body is on the wire.
     */
    public static Fault cutRequestAfter(long bytes) {
      return new Fault(Kind.CUT_REQUEST, 0, bytes, "", "");
    }

    /**
     * Reads nothing after the request's head and answers nothing for {@code millis}, then closes
     * the connection: a server that stops reading, so the client's body backs up.
     */
    public static Fault stall(long millis) {
      return new Fault(Kind.STALL, 0, millis, "", "");
    }

    /**
     * Relays the answer with its {@code Content-Range} moved one byte on (bytes a-b/t becomes
     * bytes a+1-b/t): an answer that does not say it is the range that was asked for.
     */
    public static Fault mislabelRange() {
      return new Fault(Kind.MISLABEL_RANGE, 0, 0, "", "");
    }

    /** Forwards the request, then closes the connection instead of relaying the answer. */
    public static Fault dropResponse() {
      return new Fault(Kind.DROP_RESPONSE, 0, 0, "", "");
    }

    /**
     * Answers with an S3 error of this status, code and message, as a server that refuses the
     * request would.
     */
    public static Fault answer(int status, String code, String message) {
      return new Fault(Kind.ANSWER, status, 0, code, message);
    }

    /** Answers with an S3 error of this status (500 InternalError, 503 SlowDown). */
    public static Fault answer(int status) {
      return new Fault(Kind.ANSWER, status, 0, "", "");
    }

    /** Relays the answer's head and the first {@code bytes} of its body, then closes. */
    public static Fault cutResponseAfter(long bytes) {
      return new Fault(Kind.CUT_RESPONSE, 0, bytes, "", "");
    }

    static final Fault PASS = new Fault(Kind.PASS, 0, 0, "", "");
  }

  private static final class Rule {
    final Predicate<Request> matches;
    final Fault fault;
    int remaining;

    Rule(Predicate<Request> matches, Fault fault, int remaining) {
      this.matches = matches;
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private static final Pattern CONTENT_RANGE =
      Pattern.compile("(?i)(content-range: bytes )(\\d+)");

  private final ServerSocket server;
  private final URI upstream;
  private final List<Rule> rules = new ArrayList<>();
  private final List<Request> seen = new ArrayList<>();

  public FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Applies {@code fault} to the next {@code times} requests that match. */
  public synchronized FaultProxy inject(Predicate<Request> which, Fault fault, int times) {
    rules.add(new Rule(which, fault, times));
    return this;
  }

  /** How many requests so far matched. */
  public synchronized long count(Predicate<Request> which) {
    return seen.stream().filter(which).count();
  }

  /** The requests so far that matched, in order. */
  public synchronized List<Request> requests(Predicate<Request> which) {
    return seen.stream().filter(which).toList();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private synchronized Fault faultFor(Request request) {
    seen.add(request);
    for (Rule rule : rules) {
      if (rule.remaining > 0 && rule.matches.test(request)) {
        rule.remaining--;
        return rule.fault;
      }
    }
    return Fault.PASS;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread worker = new Thread(() -> serve(client), "fault-proxy-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      String head = readHead(fromClient);
      if (head == null) {
        return;
      }
      Request request = parse(head);
      Fault fault = faultFor(request);
      switch (fault.kind()) {
        case DROP_REQUEST -> { }
        case STALL -> stall(fault.bytes());
        case ANSWER -> answer(request, fromClient, client.getOutputStream(), fault);
        default -> forward(head, client, fromClient, fault);
      }
    } catch (IOException e) {
      // The client or the server went away; either is the point of some faults.
    }
  }

  private void forward(String head, Socket client, InputStream fromClient, Fault fault)
      throws IOException {
    OutputStream toClient = client.getOutputStream();
    try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
      OutputStream toServer = server.getOutputStream();
      toServer.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
      toServer.flush();
      Thread body = new Thread(() -> {
        if (fault.kind() == Fault.Kind.CUT_REQUEST) {
          pumpThenCut(fromClient, toServer, fault.bytes(), client, server);
        } else {
          pump(fromClient, toServer);
        }
      }, "fault-proxy-body");
      body.setDaemon(true);
      body.start();
      InputStream fromServer = new BufferedInputStream(server.getInputStream());
      String answer = readHead(fromServer);
      while (answer != null && answer.startsWith("HTTP/1.1 100")) {
        toClient.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        toClient.flush();
        answer = readHead(fromServer);
      }
      if (answer == null || fault.kind() == Fault.Kind.DROP_RESPONSE) {
        fromServer.transferTo(OutputStream.nullOutputStream());
        return;
      }
      if (fault.kind() == Fault.Kind.MISLABEL_RANGE) {
        answer = mislabelled(answer);
      }
      toClient.write(answer.getBytes(StandardCharsets.ISO_8859_1));
      if (fault.kind() == Fault.Kind.CUT_RESPONSE) {
        toClient.write(fromServer.readNBytes((int) fault.bytes()));
      } else {
        fromServer.transferTo(toClient);
      }
      toClient.flush();
    }
  }

  private static void answer(Request request, InputStream fromClient, OutputStream toClient,
      Fault fault) throws IOException {
    int status = fault.status();
    String length = request.headers().get("content-length");
    if (length != null && !request.headers().containsKey("expect")) {
      fromClient.readNBytes(Integer.parseInt(length));
    }
    String code = !fault.code().isEmpty() ? fault.code()
        : status == 503 ? "SlowDown" : "InternalError";
    String message = fault.message().isEmpty() ? "injected by FaultProxy" : fault.message();
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
        + "</Code><Message>" + message + "</Message></Error>")
        .getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " Injected\r\nContent-Type: application/xml\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
    toClient.write(head.getBytes(StandardCharsets.ISO_8859_1));
    toClient.write(body);
    toClient.flush();
  }

  private static void pump(InputStream from, OutputStream to) {
    try {
      from.transferTo(to);
    } catch (IOException e) {
      // The exchange is over.
    }
  }

  private static void stall(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pumpThenCut(InputStream from, OutputStream to, long bytes, Socket client,
      Socket server) {
    try (client; server) {
      to.write(from.readNBytes((int) bytes));
      to.flush();
    } catch (IOException e) {
      // The exchange is over either way.
    }
  }

  /** Reads an HTTP head up to and including the blank line; {@code null} at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @SuppressWarnings("StringSplitter") // an HTTP head: trailing empty lines may go
  private static Request parse(String head) {
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Request(requestLine[0], requestLine[1], headers);
  }

  private static String mislabelled(String answer) {
    Matcher range = CONTENT_RANGE.matcher(answer);
    if (!range.find()) {
      return answer;
    }
    long first = Long.parseLong(range.group(2)) + 1;
    return answer.substring(0, range.start()) + range.group(1) + first
        + answer.substring(range.start(2) + range.group(2).length());
  }

  @SuppressWarnings("StringSplitter") // an HTTP head: trailing empty lines may go
  private static String withConnectionClose(String head) {
    StringBuilder rewritten = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        rewritten.append(line).append("\r\n");
      }
    }
    return rewritten.append("Connection: close\r\n\r\n").toString();
  }
}
