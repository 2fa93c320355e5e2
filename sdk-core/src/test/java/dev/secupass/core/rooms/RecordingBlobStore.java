package dev.secupass.core.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The in-memory blob store, remembering which blobs were started, to find orphans. */
final class RecordingBlobStore implements BlobStore {
  private final MemoryBlobStore real = new MemoryBlobStore();
  private final List<BlobId> started = new CopyOnWriteArrayList<>();

  /** The blobs that were committed and not deleted. */
  List<BlobId> committed() {
    return started.stream().filter(id -> real.stat(id).isPresent()).toList();
  }

  @Override
  public BlobOutput create(BlobId id) {
    BlobOutput output = real.create(id);
    started.add(id);
    return output;
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
