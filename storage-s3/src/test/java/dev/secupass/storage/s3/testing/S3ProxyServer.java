package dev.secupass.storage.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 3.3 inside the test JVM on a loopback port, with the filesystem backend in a temporary
 * directory (so large objects go to disk, not the heap) and AWS signature checks on. One server
 * serves the whole test run; each caller gets its own bucket.
 */
public final class S3ProxyServer {
  public static final String ACCESS_KEY = "secupass-test-access";
  public static final String SECRET_KEY = "secupass-test-secret";

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3ProxyServer shared;

  private final Path directory;
  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;
  private final S3Client client;

  private S3ProxyServer() throws Exception {
    directory = Files.createTempDirectory("secupass-s3proxy");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", directory.toString());
    context = ContextBuilder.newBuilder(new FilesystemApiMetadata())
        .credentials(ACCESS_KEY, SECRET_KEY)
        .overrides(properties)
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(5);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    client = newClient(endpoint);
  }

  /** The server of this test run, started on first use and stopped when the JVM exits. */
  public static synchronized S3ProxyServer shared() {
    if (shared == null) {
      try {
        shared = new S3ProxyServer();
      } catch (Exception e) {
        throw new IllegalStateException("S3Proxy did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3proxy-stop"));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A plain SDK client (default settings, path-style) for checking what the server holds. */
  public S3Client client() {
    return client;
  }

  /** Creates a fresh, empty bucket and returns its name. */
  public String newBucket() {
    String name = "secupass-" + BUCKETS.incrementAndGet();
    client.createBucket(r -> r.bucket(name));
    return name;
  }

  /** A plain SDK client with default settings, addressed at {@code endpoint}. */
  public static S3Client newClient(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  private void stop() {
    try {
      client.close();
      proxy.stop();
      context.close();
    } catch (Exception e) {
      // The JVM is exiting; the directory is removed below either way.
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
