package dev.secupass.benchmarks.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * S3Proxy 3.3 ({@code org.gaul.s3proxy.Main}, filesystem backend in a temporary directory) in a
 * JVM of its own, so that the benchmark JVM's CPU time and heap are the client's alone.
 */
final class S3ProxyProcess implements AutoCloseable {
  static final String ACCESS_KEY = "bench-access";
  static final String SECRET_KEY = "bench-secret";

  private final Process process;
  private final Path directory;
  private final URI endpoint;

  private S3ProxyProcess(Process process, Path directory, URI endpoint) {
    this.process = process;
    this.directory = directory;
    this.endpoint = endpoint;
  }

  /** Starts S3Proxy on a free loopback port with this JVM's class path and waits until it serves. */
  static S3ProxyProcess start() throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("secupass-bench-s3proxy");
    Files.createDirectory(directory.resolve("data"));
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path config = directory.resolve("s3proxy.conf");
    Files.write(config, List.of(
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "s3proxy.ignore-unknown-headers=true",
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + directory.resolve("data")));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        "org.gaul.s3proxy.Main", "--properties", config.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    S3ProxyProcess server =
        new S3ProxyProcess(process, directory, URI.create("http://127.0.0.1:" + port));
    server.awaitPort(port);
    return server;
  }

  URI endpoint() {
    return endpoint;
  }

  private void awaitPort(int port) throws IOException, InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (!process.isAlive()) {
        close();
        throw new IOException("S3Proxy exited with status " + process.exitValue());
      }
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IOException("S3Proxy did not open port " + port + " within 30 seconds");
  }

  /** Stops S3Proxy and deletes its data. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
