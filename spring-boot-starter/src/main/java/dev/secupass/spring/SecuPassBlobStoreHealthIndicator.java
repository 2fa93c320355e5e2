package dev.secupass.spring;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobStore;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the SDK's blob store (actuator name {@code secuPassBlobStore}): up when a look-up
 * of a blob that does not exist answers "none" (a HEAD request on S3, a file check on disk).
 */
public final class SecuPassBlobStoreHealthIndicator extends AbstractHealthIndicator {
  private static final BlobId PROBE = BlobId.of("secupass-health-probe");

  private final BlobStore blobStore;

  public SecuPassBlobStoreHealthIndicator(BlobStore blobStore) {
    super("the SecuPass blob store does not answer");
    this.blobStore = Objects.requireNonNull(blobStore, "blobStore");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    blobStore.stat(PROBE);
    builder.up().withDetail("type", type(blobStore));
  }

  private static String type(BlobStore store) {
    return switch (store.getClass().getSimpleName()) {
      case "FileSystemBlobStore" -> "filesystem";
      case "S3BlobStore" -> "s3";
      case "JdbcBlobStore" -> "jdbc";
      default -> "the application's own";
    };
  }
}
