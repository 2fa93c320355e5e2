package dev.secupass.storage.s3;

import dev.secupass.storage.s3.testing.S3BlobStoreContract;
import dev.secupass.storage.s3.testing.S3TestTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The conformance kit against S3Proxy in this JVM, or against a tester's own bucket when {@code
 * secupass.s3.bucket} is set (see {@link S3TestTarget} and docs/storage-s3.md).
 */
@DisplayName("S3BlobStore")
class S3BlobStoreContractTest extends S3BlobStoreContract {
  private static S3TestTarget target;

  @BeforeAll
  static void connect() {
    target = S3TestTarget.fromSystemProperties();
    System.out.println("S3BlobStoreContractTest runs against " + target);
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
