package dev.secupass.core.memory;

import dev.secupass.spi.BlobStore;
import dev.secupass.tck.BlobStoreContractTest;

/** The blob contract against {@link MemoryBlobStore}, its large blob capped to fit the heap. */
class MemoryBlobStoreContractTest extends BlobStoreContractTest {
  @Override
  protected BlobStore createBlobStore() {
    return new MemoryBlobStore();
  }

  @Override
  protected long maxLargeBlobBytes() {
    return 64L * 1024 * 1024;
  }
}
