package dev.secupass.storage.s3.testing;

import dev.secupass.storage.s3.S3BlobStore;
import dev.secupass.storage.s3.S3BlobStoreBuilder;
import dev.secupass.storage.s3.internal.ClientFactory;
import dev.secupass.storage.s3.internal.ClientSettings;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the conformance kit runs: S3Proxy inside the test JVM by default, or a tester's own bucket
 * (AWS or any S3-compatible service) named by system properties, so that no code is needed:
 *
 * <ul>
 *   <li>{@code secupass.s3.bucket}: the bucket; setting it selects the tester's service
 *   <li>{@code secupass.s3.endpoint}: the service endpoint; absent for AWS S3
 *   <li>{@code secupass.s3.region}: the region; default from the SDK's chain, or {@code
 *       us-east-1} with an endpoint
 *   <li>{@code secupass.s3.accessKeyId}, {@code secupass.s3.secretAccessKey}: credentials;
 *       absent for the SDK's default chain ({@code AWS_ACCESS_KEY_ID}/{@code
 *       AWS_SECRET_ACCESS_KEY}, profile, role)
 *   <li>{@code secupass.s3.pathStyle}: path-style addressing; default {@code true} with an
 *       endpoint, {@code false} without
 *   <li>{@code secupass.s3.checksums}: flexible checksums; default {@code true}
 * </ul>
 *
 * The client is the one the store builds for these settings. Each run writes under a fresh key
 * prefix {@code secupass-tck/<random>/} and deletes what it wrote when closed.
 */
public final class S3TestTarget implements AutoCloseable {
  private static final String PROPERTY = "secupass.s3.";

  private final S3Client client;
  private final String bucket;
  private final boolean checksums;
  private final long singlePutLimit;
  private final String description;
  private final String runPrefix;

  private S3TestTarget(S3Client client, String bucket, boolean checksums, long singlePutLimit,
      String description) {
    this.client = client;
    this.bucket = bucket;
    this.checksums = checksums;
    this.singlePutLimit = singlePutLimit;
    byte[] run = new byte[8];
    new SecureRandom().nextBytes(run);
    this.runPrefix = "secupass-tck/" + HexFormat.of().formatHex(run);
    this.description = description + ", prefix " + runPrefix;
  }

  /** The tester's bucket if {@code secupass.s3.bucket} is set, else S3Proxy in this JVM. */
  public static S3TestTarget fromSystemProperties() {
    String bucket = property("bucket");
    if (bucket.isEmpty()) {
      S3ProxyServer server = S3ProxyServer.shared();
      return at(new ClientSettings(server.endpoint(), null,
              StaticCredentialsProvider.create(AwsBasicCredentials.create(
                  S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)),
              true, true, S3BlobStoreBuilder.DEFAULT_MAX_ATTEMPTS),
          server.newBucket(), "S3Proxy " + server.endpoint());
    }
    String endpoint = property("endpoint");
    String accessKeyId = property("accessKeyId");
    return at(new ClientSettings(
            endpoint.isEmpty() ? null : URI.create(endpoint),
            property("region").isEmpty() ? null : property("region"),
            accessKeyId.isEmpty() ? null : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, property("secretAccessKey"))),
            Boolean.parseBoolean(System.getProperty(PROPERTY + "pathStyle",
                String.valueOf(!endpoint.isEmpty()))),
            Boolean.parseBoolean(System.getProperty(PROPERTY + "checksums", "true")),
            S3BlobStoreBuilder.DEFAULT_MAX_ATTEMPTS),
        bucket, (endpoint.isEmpty() ? "AWS S3" : endpoint) + ", bucket " + bucket);
  }

  /** An existing bucket, through the client the store builds for {@code settings}. */
  public static S3TestTarget at(ClientSettings settings, String bucket, String description) {
    return new S3TestTarget(ClientFactory.build(settings), bucket, settings.checksums(),
        S3BlobStoreBuilder.DEFAULT_SINGLE_PUT_LIMIT, description);
  }

  /**
   * A fresh bucket on s3rver ({@link S3rverServer}), with the settings docs/storage-s3.md gives
   * for it: its HTTPS client with flexible checksums off, and {@code singlePutLimit(0)}, since
   * s3rver writes an object in place while its body arrives (writers of one id would interleave).
   */
  public static S3TestTarget s3rver() {
    S3rverServer server = S3rverServer.shared();
    return new S3TestTarget(server.newClient(), server.newBucket(), false, 0,
        "s3rver " + server.endpoint());
  }

  /**
   * A store on the target's bucket under this run's prefix plus {@code subPrefix}, with 5 MiB
   * parts so that blobs above 5 MiB go through multipart uploads.
   */
  public S3BlobStore newStore(String subPrefix) {
    return S3BlobStore.builder()
        .client(client)
        .checksums(checksums)
        .bucket(bucket)
        .keyPrefix(runPrefix + "/" + subPrefix)
        .partSize(S3BlobStoreBuilder.MIN_PART_SIZE)
        .partsInFlight(2)
        .singlePutLimit(singlePutLimit)
        .build();
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Deletes every blob this run wrote and closes the client. (Keys ending in '/' are directories
   * S3Proxy's filesystem backend lists, not blobs; deleting one there takes ten seconds.)
   */
  @Override
  public void close() {
    client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(runPrefix + "/")).contents()
        .stream()
        .filter(object -> !object.key().endsWith("/"))
        .forEach(object -> client.deleteObject(r -> r.bucket(bucket).key(object.key())));
    client.close();
  }

  private static String property(String name) {
    return System.getProperty(PROPERTY + name, "").trim();
  }
}
