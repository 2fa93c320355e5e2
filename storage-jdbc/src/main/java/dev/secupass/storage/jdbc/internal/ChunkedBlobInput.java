package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Reads a byte range of a committed blob, fetching one chunk at a time on one connection, which
 * it holds from the first read until the range is read to its end or the stream is closed.
 * Skipping forward fetches nothing.
 */
final class ChunkedBlobInput extends InputStream {
  private final Jdbi jdbi;
  private final Schema schema;
  private final BlobId id;
  private final String uploadId;
  private final int chunkSize;
  private final long end;
  private long position;
  private @Nullable Handle handle;
  private byte @Nullable [] chunk;
  private long chunkNo = -1;
  private boolean closed;

  ChunkedBlobInput(Jdbi jdbi, Schema schema, BlobId id, String uploadId, int chunkSize,
      long start, long end) {
    this.jdbi = jdbi;
    this.schema = schema;
    this.id = id;
    this.uploadId = uploadId;
    this.chunkSize = chunkSize;
    this.position = start;
    this.end = end;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (closed) {
      throw new IOException("the stream of blob " + id + " is closed");
    }
    if (length == 0) {
      return 0;
    }
    if (position >= end) {
      release();
      return -1;
    }
    byte[] data = chunkAt(position / chunkSize);
    int inChunk = (int) (position % chunkSize);
    int n = (int) Math.min(Math.min(length, data.length - inChunk), end - position);
    if (n <= 0) {
      throw new StorageException("blob " + id + " is shorter than recorded", false, null);
    }
    System.arraycopy(data, inChunk, bytes, offset, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    byte[] data = chunk;
    if (data == null || position >= end || position / chunkSize != chunkNo) {
      return 0;
    }
    return (int) Math.min(data.length - position % chunkSize, end - position);
  }

  @Override
  public void close() {
    closed = true;
    release();
  }

  private byte[] chunkAt(long number) {
    byte[] data = chunk;
    if (data != null && number == chunkNo) {
      return data;
    }
    String what = "read blob " + id;
    Handle h = handle;
    if (h == null) {
      h = Handles.open(jdbi, what);
      handle = h;
    }
    try {
      data = h.createQuery(schema.sql(
              "SELECT data FROM {p}blob_chunk WHERE upload_id = :upload AND chunk_no = :chunk"))
          .bind("upload", uploadId)
          .bind("chunk", (int) number)
          .mapTo(byte[].class)
          .findOne()
          .orElseThrow(() -> new StorageException(
              "blob " + id + " was deleted while it was read", false, null));
    } catch (RuntimeException e) {
      release();
      throw SqlErrors.translate(e, what);
    }
    chunk = data;
    chunkNo = number;
    return data;
  }

  private void release() {
    chunk = null;
    chunkNo = -1;
    Handle h = handle;
    handle = null;
    if (h != null) {
      Handles.closeQuietly(h);
    }
  }
}
