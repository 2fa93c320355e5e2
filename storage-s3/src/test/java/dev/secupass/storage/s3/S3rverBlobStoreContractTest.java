package dev.secupass.storage.s3;

import dev.secupass.storage.s3.testing.S3BlobStoreContract;
import dev.secupass.storage.s3.testing.S3TestTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The conformance kit against s3rver, the second S3 implementation of these tests (a Node.js
 * process started from the committed package-lock.json), with the settings docs/storage-s3.md
 * gives for it.
 */
@DisplayName("S3BlobStore on s3rver")
class S3rverBlobStoreContractTest extends S3BlobStoreContract {
  private static S3TestTarget target;

  @BeforeAll
  static void connect() {
    target = S3TestTarget.s3rver();
  }

  @AfterAll
  static void cleanUp() {
    target.close();
  }

  @Override
  protected S3TestTarget target() {
    return target;
  }

  /**
   * The kit's default size. With {@code singlePutLimit(0)} a declared size takes the path of
   * {@code create(id)}, which the other rules cover; above one part, the eight racing writers of
   * one rule would hold 15 MiB of part buffers each, beyond this JVM's 128 MiB heap.
   */
  @Override
  protected int declaredBlobBytes() {
    return 3 * 1024 * 1024;
  }
}
