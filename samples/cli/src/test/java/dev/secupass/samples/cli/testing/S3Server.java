package dev.secupass.samples.cli.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
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
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 server in the test JVM: S3Proxy on a loopback port with its filesystem backend in a
 * folder of the test's, checking AWS signatures.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "samples-test-access";
  public static final String SECRET_KEY = "samples-test-secret";

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client client;

  public S3Server(Path folder) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", folder.toString());
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
    client = S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Creates a bucket. */
  public void createBucket(String bucket) {
    client.createBucket(request -> request.bucket(bucket));
  }

  /** The keys of the objects under {@code prefix} (not the folders the backend lists). */
  public List<String> keys(String bucket, String prefix) {
    return client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))
        .contents().stream().map(S3Object::key).filter(key -> !key.endsWith("/")).toList();
  }

  @Override
  public void close() {
    client.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    } finally {
      context.close();
    }
  }
}
