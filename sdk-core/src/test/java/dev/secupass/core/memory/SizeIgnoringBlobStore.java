package dev.secupass.core.memory;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.InputStream;
import java.util.Optional;

/**
 * Broken on purpose: takes a declared size and ignores it, so a blob of more or fewer bytes
 * commits, as a store that only uses the size as a hint for buffering would.
 */
final class SizeIgnoringBlobStore implements BlobStore {
  private final MemoryBlobStore real = new MemoryBlobStore();

  @Override
  public BlobOutput create(BlobId id) {
    return real.create(id);
  }

  @Override
  public BlobOutput create(BlobId id, long size) {
    return real.create(id);
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    return real.stat(id);
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    return real.open(id, offset, length);
  }

  @Override
  public boolean delete(BlobId id) {
    return real.delete(id);
  }
}
