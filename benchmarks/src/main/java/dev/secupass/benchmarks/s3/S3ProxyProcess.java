package dev.secupass.benchmarks.s3;

import dev.secupass.storage.s3.testing.S3ProxyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * S3Proxy (filesystem backend) in a JVM of its own, so that the benchmark JVM's CPU time and heap
 * are the client's alone. {@link #main} is the child: it prints its endpoint and serves until its
 * standard input closes.
 */
final class S3ProxyProcess implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private S3ProxyProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts the child JVM on this JVM's class path and waits for its endpoint. */
  static S3ProxyProcess start() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), S3ProxyProcess.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("http://")) {
      process.destroyForcibly();
      throw new IOException("S3Proxy did not start: " + line);
    }
    return new S3ProxyProcess(process, URI.create(line.trim()));
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The child: serves until standard input closes, then exits (removing its data). */
  public static void main(String[] args) throws IOException {
    System.out.println(S3ProxyServer.shared().endpoint());
    System.out.flush();
    System.in.transferTo(java.io.OutputStream.nullOutputStream());
    System.exit(0);
  }
}
