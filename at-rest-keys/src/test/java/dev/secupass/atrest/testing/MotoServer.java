package dev.secupass.atrest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * moto's server ({@code moto_server}, the Python package {@code moto[server]}), a local AWS KMS,
 * in a process of its own on a free loopback port: started on first use, stopped when the JVM
 * exits. One server serves the whole test run; each caller makes keys of its own. Needs {@code
 * moto_server} on the path ({@code .ci/run} checks it).
 */
public final class MotoServer {
  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;
  private final KmsClient kms;

  private MotoServer() throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path log = Files.createTempFile("secupass-moto", ".log");
    process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    awaitPort(port, log);
    endpoint = URI.create("http://127.0.0.1:" + port);
    kms = newClient();
  }

  /** The server of this test run. */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      try {
        shared = new MotoServer();
      } catch (IOException e) {
        throw new UncheckedIOException("moto_server did not start (is it installed?)", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting moto_server", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "moto-stop"));
    }
    return shared;
  }

  /** A client of the server's KMS, as a host would build one (any credentials do). */
  public KmsClient newClient() {
    return KmsClient.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("moto", "moto")))
        .build();
  }

  /** Where the server listens, for clients configured by address. */
  public URI endpoint() {
    return endpoint;
  }

  /** The shared client. */
  public KmsClient kms() {
    return kms;
  }

  /** A new symmetric KMS key; returns its ARN. */
  public String newKey() {
    return kms.createKey(r -> r.description("SecuPass test at-rest key")).keyMetadata().arn();
  }

  private void awaitPort(int port, Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("moto_server exited: " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    process.destroyForcibly();
    throw new IOException("moto_server did not listen on port " + port + " within 2 minutes");
  }

  private void stop() {
    kms.close();
    process.destroy();
  }
}
