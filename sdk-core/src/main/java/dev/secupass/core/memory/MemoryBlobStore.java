package dev.secupass.core.memory;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.core.internal.memory.ChunkedBytes;
import dev.secupass.core.internal.memory.MemoryBlobOutput;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link BlobStore} on the heap, for tests and quick starts. Unlike the real stores it holds
 * every blob whole in memory, so it suits only blobs that fit there. Thread-safe; a blob becomes
 * visible at once when its writer commits (an atomic put-if-absent), and a writer that never
 * commits leaves nothing behind.
 */
public final class MemoryBlobStore implements BlobStore {
  private final ConcurrentMap<BlobId, ChunkedBytes> blobs = new ConcurrentHashMap<>();

  @Override
  public BlobOutput create(BlobId id) {
    Objects.requireNonNull(id, "id");
    if (blobs.containsKey(id)) {
      throw new ConflictException("blob " + id + " exists");
    }
    return new MemoryBlobOutput(id, blobs);
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    ChunkedBytes bytes = blobs.get(id);
    return bytes == null ? Optional.empty() : Optional.of(new BlobInfo(id, bytes.size()));
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative");
    }
    ChunkedBytes bytes = blobs.get(id);
    if (bytes == null) {
      throw new NotFoundException("no blob " + id);
    }
    if (offset > bytes.size()) {
      throw new IllegalArgumentException(
          "offset " + offset + " is beyond the end of blob " + id + " (" + bytes.size() + ")");
    }
    return bytes.open(offset, Math.min(length, bytes.size() - offset));
  }

  @Override
  public boolean delete(BlobId id) {
    return blobs.remove(id) != null;
  }
}
