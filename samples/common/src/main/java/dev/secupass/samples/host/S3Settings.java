package dev.secupass.samples.host;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a sample keeps file ciphertext instead of the data folder: an S3 bucket on AWS or an
 * S3-compatible server.
 *
 * <p>Holds a secret (the secret access key): {@link #toString()} leaves it out.
 */
public final class S3Settings {
  private final String bucket;
  private final @Nullable URI endpoint;
  private final @Nullable String region;
  private final boolean pathStyle;
  private final String keyPrefix;
  private final @Nullable String accessKeyId;
  private final @Nullable String secretAccessKey;

  /**
   * @param bucket the bucket, which must exist
   * @param endpoint an S3-compatible server's address, or {@code null} for AWS
   * @param region the signing region, or {@code null} for the AWS SDK's region chain
   * @param pathStyle whether the bucket goes in the path (most S3-compatible servers need it)
   * @param keyPrefix the prefix of every object key, or empty
   * @param accessKeyId the access key, or {@code null} for the AWS SDK's credential chain
   * @param secretAccessKey its secret, given exactly when {@code accessKeyId} is
   * @throws IllegalArgumentException if only one of the key pair is given
   */
  public S3Settings(String bucket, @Nullable URI endpoint, @Nullable String region,
      boolean pathStyle, String keyPrefix, @Nullable String accessKeyId,
      @Nullable String secretAccessKey) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.endpoint = endpoint;
    this.region = region;
    this.pathStyle = pathStyle;
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("give both the S3 access key id and its secret, or"
          + " neither (then the AWS SDK's credential chain is used)");
    }
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  public String bucket() {
    return bucket;
  }

  public @Nullable URI endpoint() {
    return endpoint;
  }

  public @Nullable String region() {
    return region;
  }

  public boolean pathStyle() {
    return pathStyle;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public @Nullable String accessKeyId() {
    return accessKeyId;
  }

  /** The secret access key; hand it to the S3 client only. */
  public @Nullable String secretAccessKey() {
    return secretAccessKey;
  }

  /** The same bucket with another key prefix. */
  public S3Settings withKeyPrefix(String prefix) {
    return new S3Settings(bucket, endpoint, region, pathStyle, prefix, accessKeyId,
        secretAccessKey);
  }

  @Override
  public String toString() {
    return "S3Settings[bucket=" + bucket + ", endpoint=" + endpoint + ", keyPrefix=" + keyPrefix
        + "]";
  }
}
