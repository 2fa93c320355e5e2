package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * A blob being written: buffers one chunk, inserts each full chunk inside the write's own
 * transaction, and on {@link #commit()} inserts the {@code blob_object} row and commits. Memory
 * use is one chunk, whatever the blob's size.
 */
final class ChunkedBlobOutput extends BlobOutput {
  private enum State { OPEN, COMMITTED, ABORTED }

  private final Handle handle;
  private final Schema schema;
  private final BlobId id;
  private final String uploadId;
  private final byte[] buffer;
  private int filled;
  private int chunks;
  private long size;
  private State state = State.OPEN;

  ChunkedBlobOutput(Handle handle, Schema schema, BlobId id, String uploadId, int chunkSize) {
    this.handle = handle;
    this.schema = schema;
    this.id = id;
    this.uploadId = uploadId;
    this.buffer = new byte[chunkSize];
  }

  @Override
  public void write(int b) throws IOException {
    checkWritable();
    buffer[filled++] = (byte) b;
    size++;
    if (filled == buffer.length) {
      flushChunk();
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkWritable();
    while (length > 0) {
      int n = Math.min(length, buffer.length - filled);
      System.arraycopy(bytes, offset, buffer, filled, n);
      filled += n;
      size += n;
      offset += n;
      length -= n;
      if (filled == buffer.length) {
        flushChunk();
      }
    }
  }

  @Override
  public BlobInfo commit() {
    if (state != State.OPEN) {
      throw new IllegalStateException("blob " + id + " was already " + state.name().toLowerCase(
          java.util.Locale.ROOT));
    }
    try {
      if (filled > 0) {
        flushChunk();
      }
      handle.createUpdate(schema.sql("INSERT INTO {p}blob_object (id, upload_id, blob_size,"
              + " chunk_size, created_at) VALUES (:id, :upload, :size, :chunk_size, :now)"))
          .bind("id", id.value())
          .bind("upload", uploadId)
          .bind("size", size)
          .bind("chunk_size", buffer.length)
          .bind("now", Times.now(schema.clock()))
          .execute();
      handle.commit();
    } catch (RuntimeException e) {
      abort(e);
      throw SqlErrors.translate(e, "commit blob " + id);
    }
    state = State.COMMITTED;
    Handles.closeQuietly(handle);
    return new BlobInfo(id, size);
  }

  @Override
  public void abort() {
    if (state == State.OPEN) {
      state = State.ABORTED;
      try {
        handle.rollback();
      } catch (RuntimeException ignored) {
        // A lost connection has rolled the transaction back already.
      }
      Handles.closeQuietly(handle);
    }
  }

  private void abort(RuntimeException cause) {
    if (state == State.OPEN) {
      state = State.ABORTED;
      Handles.rollbackQuietly(handle, cause);
      Handles.closeQuietly(handle);
    }
  }

  private void flushChunk() {
    byte[] data = filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    try {
      handle.createUpdate(schema.sql("INSERT INTO {p}blob_chunk (upload_id, chunk_no, data)"
              + " VALUES (:upload, :chunk, :data)"))
          .bind("upload", uploadId)
          .bind("chunk", chunks)
          .bind("data", data)
          .execute();
    } catch (RuntimeException e) {
      abort(e);
      throw SqlErrors.translate(e, "write blob " + id);
    }
    chunks++;
    filled = 0;
  }

  private void checkWritable() throws IOException {
    if (state != State.OPEN) {
      throw new IOException("blob " + id + " was already "
          + state.name().toLowerCase(java.util.Locale.ROOT) + "; nothing more can be written");
    }
  }
}
