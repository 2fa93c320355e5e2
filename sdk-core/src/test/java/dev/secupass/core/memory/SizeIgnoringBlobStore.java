package dev.secupass.core.memory;

import dev.secupass.api.BlobId;
import dev.secupass.core.testing.ForwardingBlobStore;
import dev.secupass.spi.BlobOutput;

/**
 * Broken on purpose: takes a declared size and ignores it, so a blob of more or fewer bytes
 * commits, as a store that only uses the size as a hint for buffering would.
 */
final class SizeIgnoringBlobStore extends ForwardingBlobStore {
  SizeIgnoringBlobStore() {
    super(new MemoryBlobStore());
  }

  @Override
  public BlobOutput create(BlobId id, long size) {
    return delegate.create(id);
  }
}
