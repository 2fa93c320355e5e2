package dev.secupass.storage.s3.testing;

import dev.secupass.spi.BlobStore;
import dev.secupass.storage.s3.S3BlobStore;
import dev.secupass.storage.s3.S3BlobStoreBuilder;
import dev.secupass.tck.BlobStoreConformanceKit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The conformance kit's blob contracts on an {@link S3TestTarget}: each test gets a store of its
 * own (its own key prefix in the target's bucket), closed after the test. Subclasses open and
 * close the target.
 */
public abstract class S3BlobStoreContract extends BlobStoreConformanceKit {
  private static final AtomicInteger STORES = new AtomicInteger();
  private S3BlobStore store;

  /** The target of this test class. */
  protected abstract S3TestTarget target();

  @Override
  protected final BlobStore createBlobStore() {
    store = target().newStore("store-" + STORES.incrementAndGet());
    return store;
  }

  /** Above one part (the target's stores use the smallest part size): the streamed PutObject. */
  @Override
  protected int declaredBlobBytes() {
    return S3BlobStoreBuilder.MIN_PART_SIZE + 1_000_003;
  }

  @AfterEach
  final void closeStore() {
    store.close();
  }
}
