package dev.secupass.core.internal.memory;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** Collects a blob's bytes privately and publishes them on commit if the id is still free. */
public final class MemoryBlobOutput extends BlobOutput {
  private final BlobId id;
  private final ConcurrentMap<BlobId, ChunkedBytes> blobs;
  /** The bytes written so far; {@code null} once committed or aborted. */
  private @Nullable ChunkedBytes bytes = new ChunkedBytes();

  public MemoryBlobOutput(BlobId id, ConcurrentMap<BlobId, ChunkedBytes> blobs) {
    this.id = id;
    this.blobs = blobs;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, data.length);
    ChunkedBytes open = bytes;
    if (open == null) {
      throw new IOException("blob " + id + " was already committed or aborted");
    }
    open.write(data, offset, length);
  }

  @Override
  public BlobInfo commit() {
    ChunkedBytes written = bytes;
    if (written == null) {
      throw new IllegalStateException("blob " + id + " was already committed or aborted");
    }
    bytes = null;
    if (blobs.putIfAbsent(id, written) != null) {
      throw new ConflictException("blob " + id + " was committed by another writer");
    }
    return new BlobInfo(id, written.size());
  }

  @Override
  public void abort() {
    bytes = null;
  }
}
