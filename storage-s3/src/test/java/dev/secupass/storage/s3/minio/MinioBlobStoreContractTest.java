package dev.secupass.storage.s3.minio;

import dev.secupass.storage.s3.S3BlobStoreBuilder;
import dev.secupass.storage.s3.internal.ClientFactory;
import dev.secupass.storage.s3.internal.ClientSettings;
import dev.secupass.storage.s3.testing.S3BlobStoreContract;
import dev.secupass.storage.s3.testing.S3TestTarget;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.EnabledIfDockerAvailable;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The conformance kit against MinIO on Testcontainers. Optional: compiled and run only with
 * {@code -Dsecupass.s3.minio} (the {@code minio} profile), skipped without Docker; CI does not
 * depend on it. {@code -Dsecupass.s3.minioImage=...} picks another MinIO image.
 */
@DisplayName("S3BlobStore on MinIO")
@Testcontainers
@EnabledIfDockerAvailable
class MinioBlobStoreContractTest extends S3BlobStoreContract {
  @Container
  private static final MinIOContainer MINIO = new MinIOContainer(System.getProperty(
      "secupass.s3.minioImage", "minio/minio:RELEASE.2023-09-04T19-57-37Z"));

  private static S3TestTarget target;

  @BeforeAll
  static void createBucket() {
    ClientSettings settings = new ClientSettings(URI.create(MINIO.getS3URL()), null,
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())),
        true, true, S3BlobStoreBuilder.DEFAULT_MAX_ATTEMPTS);
    try (S3Client client = ClientFactory.build(settings)) {
      client.createBucket(r -> r.bucket("secupass"));
    }
    target = S3TestTarget.at(settings, "secupass", "MinIO " + MINIO.getS3URL());
  }

  @AfterAll
  static void cleanUp() {
    target.close();
  }

  @Override
  protected S3TestTarget target() {
    return target;
  }
}
