package dev.secupass.storage.jdbc;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.InputStream;
import java.util.Optional;

/**
 * Blob content in the database of a {@link JdbcStorage}, for deployments without an object
 * store. Made by {@link JdbcStorage#blobStore()}.
 *
 * <p>A write streams the content in fixed-size chunks (see {@link
 * JdbcStorage.Builder#blobChunkSize}) into rows inserted in one database transaction, which commits
 * with the blob's directory row on {@link BlobOutput#commit()}: the blob becomes visible whole at
 * once, and an abort, a lost connection or a crash before that leaves nothing. The write holds one
 * connection until it commits or aborts. A read fetches one chunk at a time and holds one
 * connection until the stream is read to its end or closed. Memory use is one chunk either way.
 */
public final class JdbcBlobStore implements BlobStore {
  private final BlobStore chunks;

  JdbcBlobStore(BlobStore chunks) {
    this.chunks = chunks;
  }

  @Override
  public BlobOutput create(BlobId id) {
    return chunks.create(id);
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    return chunks.stat(id);
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    return chunks.open(id, offset, length);
  }

  @Override
  public boolean delete(BlobId id) {
    return chunks.delete(id);
  }
}
