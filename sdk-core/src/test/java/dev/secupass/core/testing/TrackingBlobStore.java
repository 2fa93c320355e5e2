package dev.secupass.core.testing;

import dev.secupass.api.BlobId;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.spi.BlobOutput;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MemoryBlobStore} that remembers every blob id written, to count what is left, and the
 * size each blob was declared with.
 */
public final class TrackingBlobStore extends ForwardingBlobStore {
  private final List<BlobId> created = new CopyOnWriteArrayList<>();
  private final Map<BlobId, Long> declaredSizes = new ConcurrentHashMap<>();

  public TrackingBlobStore() {
    super(new MemoryBlobStore());
  }

  /** The blobs written through this store that are committed and not deleted. */
  public List<BlobId> committed() {
    return created.stream().filter(id -> delegate.stat(id).isPresent()).toList();
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
    return delegate.create(id);
  }

  @Override
  public BlobOutput create(BlobId id, long size) {
    created.add(id);
    declaredSizes.put(id, size);
    return delegate.create(id, size);
  }
}
