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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Test-only: a servlet filter in front of the sample that keeps a copy of every request body the
 * server reads, each in a file of its own in a temporary folder outside the data folder, so
 * {@link SecretSearch} can look for what the server received. Bodies are copied to disk as they
 * are read, so a streamed upload is not held in memory.
 */
public final class RequestRecorder implements Filter, AutoCloseable {
  /**
   * One request's body as the server read it.
   *
   * @param method the request's method
   * @param path its path (no query)
   * @param file where its bytes are
   */
  public record Body(String method, String path, Path file) {}

  private final Path folder;
  private final AtomicInteger numbers = new AtomicInteger();
  private final List<Body> bodies = new ArrayList<>();

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

  /** The bodies recorded so far (requests that sent none are left out). */
  public synchronized List<Body> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    Path file = folder.resolve(String.format("%06d.body", numbers.incrementAndGet()));
    Recording recording = new Recording(http, file);
    try {
      chain.doFilter(recording, response);
    } finally {
      if (recording.close()) {
        synchronized (this) {
          bodies.add(new Body(http.getMethod(), http.getRequestURI(), file));
        }
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
    private final Path file;
    private @Nullable OutputStream copy;
    private @Nullable ServletInputStream stream;

    Recording(HttpServletRequest request, Path file) {
      super(request);
      this.file = file;
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
      if (copy == null) {
        copy = Files.newOutputStream(file);
      }
      copy.write(bytes, offset, length);
    }

    /** Closes the copy; returns whether any body was read. */
    synchronized boolean close() throws IOException {
      if (copy == null) {
        return false;
      }
      copy.close();
      return true;
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
