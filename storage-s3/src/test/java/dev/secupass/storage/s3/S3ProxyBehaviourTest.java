package dev.secupass.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.storage.s3.testing.FaultProxy;
import dev.secupass.storage.s3.testing.FaultProxy.Request;
import dev.secupass.storage.s3.testing.S3ProxyServer;
import dev.secupass.storage.s3.testing.TestBytes;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * What the AWS SDK 2.57 sends by default and what S3Proxy 3.3 (filesystem backend) does with it:
 * the facts docs/storage-s3.md and the store's design rest on. If S3Proxy changes, these fail and
 * say which statement to revisit.
 */
class S3ProxyBehaviourTest {
  private final S3ProxyServer server = S3ProxyServer.shared();
  private String bucket;
  private FaultProxy recorder;
  private S3Client sdkDefaults;

  @BeforeEach
  void start() throws IOException {
    bucket = server.newBucket();
    recorder = new FaultProxy(server.endpoint());
    sdkDefaults = S3ProxyServer.newClient(recorder.endpoint());
  }

  @AfterEach
  void stop() throws IOException {
    sdkDefaults.close();
    recorder.close();
  }

  @Test
  void sdkDefaults_sendEveryUploadWithATrailingCrc32_whichS3ProxyAccepts() {
    byte[] bytes = TestBytes.random(1000, 1);
    sdkDefaults.putObject(r -> r.bucket(bucket).key("put"), RequestBody.fromBytes(bytes));
    String upload = sdkDefaults.createMultipartUpload(r -> r.bucket(bucket).key("mpu")).uploadId();
    UploadPartResponse part = sdkDefaults.uploadPart(
        r -> r.bucket(bucket).key("mpu").uploadId(upload).partNumber(1),
        RequestBody.fromBytes(bytes));
    sdkDefaults.completeMultipartUpload(r -> r.bucket(bucket).key("mpu").uploadId(upload)
        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part.eTag()))));

    assertThat(recorder.requests(r -> r.isPutObject() || r.isUploadPart())).hasSize(2)
        .allSatisfy(r -> assertThat(r.headers())
            .containsEntry("x-amz-sdk-checksum-algorithm", "CRC32")
            .containsEntry("x-amz-trailer", "x-amz-checksum-crc32")
            .containsEntry("content-encoding", "aws-chunked"));
    assertThat(sdkDefaults.getObjectAsBytes(r -> r.bucket(bucket).key("mpu")).asByteArray())
        .isEqualTo(bytes);
  }

  @Test
  void whenRequired_sendsUploadsWithoutChecksum() {
    try (S3Client plain = S3Client.builder()
        .endpointOverride(recorder.endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .build()) {
      plain.putObject(r -> r.bucket(bucket).key("put"), RequestBody.fromBytes(new byte[10]));
    }

    assertThat(recorder.requests(Request::isPutObject)).singleElement()
        .satisfies(r -> assertThat(r.headers()).doesNotContainKeys("x-amz-trailer",
            "x-amz-sdk-checksum-algorithm"));
  }

  @Test
  void s3Proxy_returnsNoStoredChecksums_soTheSdkHasNothingToValidateOnDownload()
      throws IOException {
    sdkDefaults.putObject(r -> r.bucket(bucket).key("put"), RequestBody.fromBytes(new byte[10]));

    try (ResponseInputStream<GetObjectResponse> in = sdkDefaults.getObject(
        r -> r.bucket(bucket).key("put").checksumMode(ChecksumMode.ENABLED))) {
      assertThat(in.response().checksumCRC32()).isNull();
      assertThat(in.readAllBytes()).hasSize(10);
    }
  }

  @Test
  void putObject_ifNoneMatchOnAnExistingKey_isRejectedWith412() {
    sdkDefaults.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("first"));

    assertThatThrownBy(() -> sdkDefaults.putObject(r -> r.bucket(bucket).key("k").ifNoneMatch("*"),
        RequestBody.fromString("second")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    assertThat(sdkDefaults.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String())
        .isEqualTo("first");
  }

  @Test
  void completeMultipartUpload_ifNoneMatchOnAnExistingKey_isIgnoredAndReplacesTheObject() {
    sdkDefaults.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("first"));
    String upload = sdkDefaults.createMultipartUpload(r -> r.bucket(bucket).key("k")).uploadId();
    UploadPartResponse part = sdkDefaults.uploadPart(
        r -> r.bucket(bucket).key("k").uploadId(upload).partNumber(1),
        RequestBody.fromString("second"));

    sdkDefaults.completeMultipartUpload(r -> r.bucket(bucket).key("k").uploadId(upload)
        .ifNoneMatch("*")
        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part.eTag()))));

    assertThat(sdkDefaults.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String())
        .as("the store checks for an existing blob before completing because of this")
        .isEqualTo("second");
  }

  @Test
  void getObject_ifMatchAnotherETag_isRejectedWith412() {
    sdkDefaults.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("first"));

    assertThatThrownBy(() -> sdkDefaults.getObjectAsBytes(
        r -> r.bucket(bucket).key("k").ifMatch("\"0123456789abcdef0123456789abcdef\"")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
  }
}
