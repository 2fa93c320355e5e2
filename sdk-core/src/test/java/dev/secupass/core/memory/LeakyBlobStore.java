package dev.secupass.core.memory;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Broken on purpose: readers see a blob while it is still being written, as a store that writes in
 * place instead of publishing on commit would show it.
 */
final class LeakyBlobStore implements BlobStore {
  private final MemoryBlobStore real = new MemoryBlobStore();
  private final Map<BlobId, ByteArrayOutputStream> writing = new ConcurrentHashMap<>();

  @Override
  public BlobOutput create(BlobId id) {
    BlobOutput committing = real.create(id);
    ByteArrayOutputStream visible = new ByteArrayOutputStream();
    writing.put(id, visible);
    return new BlobOutput() {
      @Override
      public void write(int b) throws IOException {
        committing.write(b);
        visible.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        committing.write(bytes, offset, length);
        visible.write(bytes, offset, length);
      }

      @Override
      public BlobInfo commit() {
        writing.remove(id, visible);
        return committing.commit();
      }

      @Override
      public void abort() {
        writing.remove(id, visible);
        committing.abort();
      }
    };
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    ByteArrayOutputStream partial = writing.get(id);
    return partial != null ? Optional.of(new BlobInfo(id, partial.size())) : real.stat(id);
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    ByteArrayOutputStream partial = writing.get(id);
    return partial != null
        ? new ByteArrayInputStream(partial.toByteArray())
        : real.open(id, offset, length);
  }

  @Override
  public boolean delete(BlobId id) {
    return real.delete(id);
  }
}
