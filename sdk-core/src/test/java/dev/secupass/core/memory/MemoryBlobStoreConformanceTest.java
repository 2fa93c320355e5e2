package dev.secupass.core.memory;

import dev.secupass.spi.BlobStore;
import dev.secupass.tck.BlobStoreConformanceKit;

/** The blob contracts against {@link MemoryBlobStore}, its large blob capped to fit the heap. */
class MemoryBlobStoreConformanceTest extends BlobStoreConformanceKit {
  @Override
  protected BlobStore createBlobStore() {
    return new MemoryBlobStore();
  }

  @Override
  protected long maxLargeBlobBytes() {
    return 64L * 1024 * 1024;
  }
}
