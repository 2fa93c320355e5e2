package dev.secupass.samples.web.testing;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Test-only: a servlet filter in front of the sample that keeps a copy of every request the
 * server is sent (its request line with the query, its headers, and its body as the server reads
 * it), each in a file of its own in a temporary folder outside the data folder, so {@link
 * SecretSearch} can look for what the server received, whichever route and whichever client
 * (pages, the browser client's relay calls, its Service Worker). Bodies are copied to disk as
 * they are read, so a streamed upload is not held in memory. Body bytes that no handler reads
 * (a refused upload's rest) are not recorded.
 */
public final class RequestRecorder implements Filter, AutoCloseable {
  /**
   * One request as the server received it.
   *
   * @param method the request's method
   * @param path its path (no query)
   * @param file where its bytes are (request line, headers, body)
   */
  public record Request(String method, String path, Path file) {}

  private final Path folder;
  private final AtomicInteger numbers = new AtomicInteger();
  private final List<Request> requests = new ArrayList<>();

  private RequestRecorder(Path folder) {
    this.folder = folder;
  }

  /** A recorder writing into a fresh temporary folder, which {@link #close()} deletes. */
  public static RequestRecorder inTemporaryFolder() {
    try {
      return new RequestRecorder(Files.createTempDirectory("secupass-web-requests"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts this recorder in front of every request of the sample's server. */
  public void install(JavalinConfig config) {
    config.jetty.modifyServletContextHandler(handler -> handler.addFilter(this, "/*",
        EnumSet.of(DispatcherType.REQUEST)));
  }

  /** The requests recorded so far. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    Path file = folder.resolve(String.format("%06d.request", numbers.incrementAndGet()));
    Recording recording = new Recording(http, file);
    try {
      chain.doFilter(recording, response);
    } finally {
      recording.close();
      synchronized (this) {
        requests.add(new Request(http.getMethod(), http.getRequestURI(), file));
      }
    }
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request, with a body stream that copies what is read into the recording's file. */
  private static final class Recording extends HttpServletRequestWrapper {
    private final OutputStream copy;
    private @Nullable ServletInputStream stream;

    Recording(HttpServletRequest request, Path file) throws IOException {
      super(request);
      this.copy = Files.newOutputStream(file);
      StringBuilder head = new StringBuilder(request.getMethod()).append(' ')
          .append(request.getRequestURI());
      if (request.getQueryString() != null) {
        head.append('?').append(request.getQueryString());
      }
      head.append(' ').append(request.getProtocol()).append("\r\n");
      for (String name : Collections.list(request.getHeaderNames())) {
        for (String value : Collections.list(request.getHeaders(name))) {
          head.append(name).append(": ").append(value).append("\r\n");
        }
      }
      copy.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Tee(super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    private synchronized void record(byte[] bytes, int offset, int length) throws IOException {
      copy.write(bytes, offset, length);
    }

    synchronized void close() throws IOException {
      copy.close();
    }

    private final class Tee extends ServletInputStream {
      private final ServletInputStream in;

      Tee(ServletInputStream in) {
        this.in = in;
      }

      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          record(new byte[] {(byte) b}, 0, 1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
          record(buffer, offset, n);
        }
        return n;
      }

      @Override
      public boolean isFinished() {
        return in.isFinished();
      }

      @Override
      public boolean isReady() {
        return in.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
      }
    }
  }
}
