package dev.secupass.storage.s3;

import dev.secupass.spi.BlobStore;
import dev.secupass.storage.s3.testing.S3TestTarget;
import dev.secupass.tck.BlobStoreContractTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The conformance kit against S3Proxy in this JVM, or against a tester's own bucket when {@code
 * secupass.s3.bucket} is set (see {@link S3TestTarget} and docs/storage-s3.md).
 */
@DisplayName("S3BlobStore")
class S3BlobStoreContractTest extends BlobStoreContractTest {
  private static final AtomicInteger STORES = new AtomicInteger();
  private static S3TestTarget target;
  private S3BlobStore store;

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
  protected BlobStore createBlobStore() {
    store = target.newStore("store-" + STORES.incrementAndGet());
    return store;
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
