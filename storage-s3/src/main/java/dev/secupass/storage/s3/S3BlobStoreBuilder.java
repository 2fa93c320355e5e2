package dev.secupass.storage.s3;

import dev.secupass.storage.s3.internal.Bucket;
import dev.secupass.storage.s3.internal.ClientFactory;
import dev.secupass.storage.s3.internal.ClientSettings;
import dev.secupass.storage.s3.internal.ObjectKeys;
import dev.secupass.storage.s3.internal.TransferSettings;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Configures an {@link S3BlobStore}. Each setter validates its argument at once; {@link #build()}
 * checks that the settings fit together.
 *
 * <p>Either hand in an {@link #client(S3Client) S3Client} you built, or let the store build one
 * from {@link #endpoint(URI)}, {@link #region(String)}, {@link #credentials(String, String)}
 * (default: the SDK's default chain), {@link #pathStyleAccess(boolean)}, {@link
 * #checksums(boolean)} and {@link #maxAttempts(int)}.
 *
 * <pre>{@code
 * S3BlobStore blobs = S3BlobStore.builder()
 *     .endpoint(URI.create("https://s3.example.net"))
 *     .pathStyleAccess(true)
 *     .bucket("secupass")
 *     .keyPrefix("tenants/acme")
 *     .build();
 * }</pre>
 */
public final class S3BlobStoreBuilder {
  /** The smallest part S3 accepts (except for the last part): 5 MiB. */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  /** The largest part size this store accepts: 1 GiB. */
  public static final int MAX_PART_SIZE = 1024 * 1024 * 1024;
  /** The default part size, 8 MiB: blobs up to 78 GiB (10,000 parts). */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
  /** The default number of parts of one upload on the wire at once. */
  public static final int DEFAULT_PARTS_IN_FLIGHT = 4;
  /** The largest single PutObject S3 accepts: 5 GiB. */
  public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;
  /**
   * The default {@link #singlePutLimit(long)}, 100 MiB: AWS's guidance on where multipart uploads
   * start to pay off, and a bound on what one failure makes the caller send again.
   */
  public static final long DEFAULT_SINGLE_PUT_LIMIT = 100L * 1024 * 1024;
  /** The default attempts per request (and per interrupted download), including the first. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private @Nullable S3Client client;
  private @Nullable URI endpoint;
  private @Nullable String region;
  private @Nullable AwsCredentialsProvider credentials;
  private boolean pathStyle;
  private boolean connectionConfigured;
  private boolean checksums = true;
  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  private @Nullable String bucket;
  private ObjectKeys keys = ObjectKeys.of("");
  private int partSize = DEFAULT_PART_SIZE;
  private int partsInFlight = DEFAULT_PARTS_IN_FLIGHT;
  private long singlePutLimit = DEFAULT_SINGLE_PUT_LIMIT;
  private Clock clock = Clock.systemUTC();
  private @Nullable SecureRandom random;

  S3BlobStoreBuilder() {}

  /**
   * Uses a client the host built (and closes). Its retry strategy governs requests; its checksum
   * settings must match {@link #checksums(boolean)}. Excludes the connection settings.
   */
  public S3BlobStoreBuilder client(S3Client client) {
    this.client = Objects.requireNonNull(client, "client");
    return this;
  }

  /** The service endpoint of an S3-compatible server, {@code http} or {@code https}. */
  public S3BlobStoreBuilder endpoint(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "endpoint must be an http or https URI with a host; got " + endpoint);
    }
    this.endpoint = endpoint;
    connectionConfigured = true;
    return this;
  }

  /**
   * The signing region ({@code eu-central-1}). Default: the SDK's region chain (environment,
   * profile, instance metadata), or {@code us-east-1} when an endpoint is set.
   */
  public S3BlobStoreBuilder region(String region) {
    this.region = requireText(region, "region");
    connectionConfigured = true;
    return this;
  }

  /** Fixed credentials. Default: the SDK's default chain (environment, profile, role). */
  public S3BlobStoreBuilder credentials(String accessKeyId, String secretAccessKey) {
    return credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
        requireText(accessKeyId, "accessKeyId"), requireText(secretAccessKey, "secretAccessKey"))));
  }

  /** Where the credentials come from. Default: the SDK's default chain. */
  public S3BlobStoreBuilder credentialsProvider(AwsCredentialsProvider credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    connectionConfigured = true;
    return this;
  }

  /**
   * Addresses the bucket in the path ({@code https://host/bucket/key}) instead of the host name;
   * most S3-compatible servers need it. Default: {@code false}.
   */
  public S3BlobStoreBuilder pathStyleAccess(boolean pathStyle) {
    this.pathStyle = pathStyle;
    connectionConfigured = true;
    return this;
  }

  /**
   * Whether uploads carry CRC32 checksums that the server verifies (and whole-object reads ask
   * for the stored one). Default: {@code true}; turn it off only for servers that reject the
   * SDK's flexible checksums. With an own client, set its {@code requestChecksumCalculation}
   * to match ({@code WHEN_SUPPORTED} for on, {@code WHEN_REQUIRED} for off).
   */
  public S3BlobStoreBuilder checksums(boolean checksums) {
    this.checksums = checksums;
    return this;
  }

  /**
   * Attempts per request (for a client this store builds) and per interrupted download, including
   * the first, 1 to 20. Default: {@value #DEFAULT_MAX_ATTEMPTS}.
   */
  public S3BlobStoreBuilder maxAttempts(int maxAttempts) {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 20; got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** The bucket, which must exist ({@link #build()} checks that it does). Required. */
  public S3BlobStoreBuilder bucket(String bucket) {
    String name = requireText(bucket, "bucket");
    if (name.contains("/") || name.length() > 255) {
      throw new IllegalArgumentException(
          "bucket must be a bucket name without '/' and at most 255 characters");
    }
    this.bucket = name;
    return this;
  }

  /**
   * The prefix of every object key, to keep hosts or tenants apart in one bucket: segments of
   * {@code [A-Za-z0-9._=-]} separated by {@code /} ({@code tenants/acme}). Default: none.
   */
  public S3BlobStoreBuilder keyPrefix(String keyPrefix) {
    this.keys = ObjectKeys.of(keyPrefix);
    return this;
  }

  /**
   * Bytes per multipart part, {@value #MIN_PART_SIZE} to {@value #MAX_PART_SIZE}. Each upload
   * holds up to {@code partSize * (partsInFlight + 1)} bytes; blobs can be up to 10,000 parts.
   * Default: {@value #DEFAULT_PART_SIZE}.
   */
  public S3BlobStoreBuilder partSize(int partSize) {
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new IllegalArgumentException("partSize must be " + MIN_PART_SIZE + " to "
          + MAX_PART_SIZE + " bytes; got " + partSize);
    }
    this.partSize = partSize;
    return this;
  }

  /**
   * Parts of one upload sent at once, 1 to 64: more is faster on high-latency links and costs
   * {@code partSize} bytes of memory each. Default: {@value #DEFAULT_PARTS_IN_FLIGHT}.
   */
  public S3BlobStoreBuilder partsInFlight(int partsInFlight) {
    if (partsInFlight < 1 || partsInFlight > 64) {
      throw new IllegalArgumentException("partsInFlight must be 1 to 64; got " + partsInFlight);
    }
    this.partsInFlight = partsInFlight;
    return this;
  }

  /**
   * The largest blob of declared size ({@link S3BlobStore#create(dev.secupass.api.BlobId, long)})
   * sent as one PutObject streamed while it is written, 0 to {@value #MAX_SINGLE_PUT} bytes; 0
   * sends every blob above one part as a multipart upload. A single PutObject is stored once by
   * the server and needs only a 2 MiB pipe of memory, but it cannot be resent once part of its
   * body went out: a connection lost mid-way fails the write (retryably, nothing visible) where a
   * multipart upload would resend one part. Default: 100 MiB.
   */
  public S3BlobStoreBuilder singlePutLimit(long bytes) {
    if (bytes < 0 || bytes > MAX_SINGLE_PUT) {
      throw new IllegalArgumentException(
          "singlePutLimit must be 0 to " + MAX_SINGLE_PUT + " bytes; got " + bytes);
    }
    this.singlePutLimit = bytes;
    return this;
  }

  /** The clock {@link S3BlobStore#abortIncompleteUploads} measures ages with. */
  public S3BlobStoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The random source of upload markers. Default: a new {@link SecureRandom}. */
  public S3BlobStoreBuilder random(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * Builds the store and checks that the bucket exists and that its credentials may use it (one
   * HeadBucket request).
   *
   * @throws IllegalStateException if the bucket is missing, or a client is combined with
   *     connection settings
   * @throws dev.secupass.api.StorageException naming the bucket and endpoint if the bucket does
   *     not exist, access to it is denied, or the server cannot be reached (then retryable)
   */
  public S3BlobStore build() {
    if (bucket == null) {
      throw new IllegalStateException("bucket is required");
    }
    if (client != null && connectionConfigured) {
      throw new IllegalStateException("client(...) excludes endpoint, region, credentials and"
          + " pathStyleAccess; configure those on the client");
    }
    S3Client owned = client != null ? null : ClientFactory.build(new ClientSettings(
        endpoint, region, credentials, pathStyle, checksums, maxAttempts));
    S3Client used = client != null ? client : Objects.requireNonNull(owned);
    Bucket checked = new Bucket(used, bucket, keys);
    try {
      checked.requireAccessible();
    } catch (RuntimeException e) {
      if (owned != null) {
        owned.close();
      }
      throw e;
    }
    return new S3BlobStore(checked,
        new TransferSettings(partSize, partsInFlight, checksums, maxAttempts, singlePutLimit),
        owned, random != null ? random : new SecureRandom(), clock);
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
