package dev.secupass.samples.web.testing;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: a servlet filter in front of the sample that counts the chunks sent to {@code PUT
 * /api/uploads/...} and, once armed, answers one of them with 503 without passing it on, as a
 * server (or a proxy) failing in the middle of an upload would.
 */
public final class FailingChunk implements Filter {
  private final AtomicInteger puts = new AtomicInteger();
  private final AtomicInteger failAt = new AtomicInteger(-1);
  private final AtomicInteger failed = new AtomicInteger();

  /** Puts this filter in front of every request of the sample's server. */
  public void install(JavalinConfig config) {
    config.jetty.modifyServletContextHandler(handler -> handler.addFilter(this, "/*",
        EnumSet.of(DispatcherType.REQUEST)));
  }

  /** Fails the {@code nth} chunk PUT from now (1 is the next) once with 503. */
  public void failOnce(int nth) {
    failAt.set(puts.get() + nth);
  }

  /** The chunk PUTs the server was sent, the failed ones included. */
  public int puts() {
    return puts.get();
  }

  /** How many chunks this filter failed. */
  public int failed() {
    return failed.get();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if ("PUT".equals(http.getMethod()) && http.getRequestURI().startsWith("/api/uploads/")
        && puts.incrementAndGet() == failAt.get()) {
      failed.incrementAndGet();
      HttpServletResponse out = (HttpServletResponse) response;
      out.setStatus(503);
      out.setContentType("application/json");
      out.getOutputStream().write("{\"error\":\"HttpError\",\"message\":\"Server error.\"}"
          .getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }
}
