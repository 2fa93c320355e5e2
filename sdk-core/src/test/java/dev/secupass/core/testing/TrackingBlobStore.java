package dev.secupass.core.testing;

import dev.secupass.api.BlobId;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link MemoryBlobStore} that remembers every blob id written, to count what is left. */
public final class TrackingBlobStore implements BlobStore {
  private final MemoryBlobStore real = new MemoryBlobStore();
  private final List<BlobId> created = new CopyOnWriteArrayList<>();
  private final Map<BlobId, Long> declaredSizes = new ConcurrentHashMap<>();

  /** The blobs written through this store that are committed and not deleted. */
  public List<BlobId> committed() {
    return created.stream().filter(id -> real.stat(id).isPresent()).toList();
  }

  /** How many blobs written through this store are committed and not deleted. */
  public long live() {
    return committed().size();
  }

  /** The size each blob written with {@link #create(BlobId, long)} was declared with. */
  public Map<BlobId, Long> declaredSizes() {
    return Map.copyOf(declaredSizes);
  }

  @Override
  public BlobOutput create(BlobId id) {
    created.add(id);
    return real.create(id);
  }

  @Override
  public BlobOutput create(BlobId id, long size) {
    created.add(id);
    declaredSizes.put(id, size);
    return real.create(id, size);
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
