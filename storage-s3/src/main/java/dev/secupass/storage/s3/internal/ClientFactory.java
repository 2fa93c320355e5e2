package dev.secupass.storage.s3.internal;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the {@code S3Client} of a store that was not handed one: the SDK's standard retry mode
 * (exponential backoff with jitter on throttling, 5xx, timeouts and broken connections) plus
 * retries of 409 ConditionalRequestConflict, and the checksum settings the store's requests rely
 * on.
 */
public final class ClientFactory {
  private ClientFactory() {}

  public static S3Client build(ClientSettings settings) {
    RequestChecksumCalculation requestChecksums = settings.checksums()
        ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED;
    ResponseChecksumValidation responseChecksums = settings.checksums()
        ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED;
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .forcePathStyle(settings.pathStyle())
        .requestChecksumCalculation(requestChecksums)
        .responseChecksumValidation(responseChecksums)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
            .toBuilder()
            .maxAttempts(settings.maxAttempts())
            .retryOnException(ClientFactory::isConditionalRequestConflict)
            .build()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    } else if (settings.endpoint() != null) {
      builder.region(Region.US_EAST_1);
    }
    if (settings.credentials() != null) {
      builder.credentialsProvider(settings.credentials());
    }
    return builder.build();
  }

  /** AWS answers 409 while another conditional write to the same key is in progress. */
  private static boolean isConditionalRequestConflict(Throwable e) {
    return e instanceof SdkException sdk && Failures.status(sdk) == 409
        && "ConditionalRequestConflict".equals(Failures.errorCode(sdk));
  }
}
