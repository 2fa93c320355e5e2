package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.InputStream;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link BlobStore} on the {@code blob_object} and {@code blob_chunk} tables. A write inserts
 * fixed-size chunks under a fresh upload id in one transaction, and commits it together with the
 * {@code blob_object} row that names the upload: readers find a blob only through that row, so
 * they see all of it or nothing, and a crash before the commit leaves nothing (the database rolls
 * the transaction back). A read fetches one chunk at a time.
 */
public final class ChunkedBlobStore implements BlobStore {
  private final Jdbi jdbi;
  private final Schema schema;
  private final int chunkSize;

  public ChunkedBlobStore(Jdbi jdbi, Schema schema, int chunkSize) {
    this.jdbi = jdbi;
    this.schema = schema;
    this.chunkSize = chunkSize;
  }

  @Override
  public BlobOutput create(BlobId id) {
    if (stat(id).isPresent()) {
      throw new ConflictException("blob " + id + " already exists");
    }
    Handle handle = Handles.open(jdbi, "write blob " + id);
    try {
      handle.begin();
    } catch (RuntimeException e) {
      Handles.closeQuietly(handle);
      throw SqlErrors.translate(e, "write blob " + id);
    }
    return new ChunkedBlobOutput(handle, schema, id, schema.randomToken(), chunkSize);
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    return new AutoSession(jdbi).read("read the size of blob " + id,
        h -> find(h, id).map(row -> new BlobInfo(id, row.size())));
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative");
    }
    Row row = new AutoSession(jdbi).read("open blob " + id, h -> find(h, id))
        .orElseThrow(() -> new NotFoundException("there is no blob " + id));
    if (offset > row.size()) {
      throw new IllegalArgumentException(
          "offset " + offset + " lies beyond the end of blob " + id + " (" + row.size() + ")");
    }
    long end = offset + Math.min(length, row.size() - offset);
    return new ChunkedBlobInput(jdbi, schema, id, row.uploadId(), row.chunkSize(), offset, end);
  }

  @Override
  public boolean delete(BlobId id) {
    return new AutoSession(jdbi).write("delete blob " + id, h -> {
      Optional<Row> row = find(h, id);
      if (row.isEmpty()) {
        return false;
      }
      h.createUpdate(schema.sql("DELETE FROM {p}blob_object WHERE id = :id"))
          .bind("id", id.value())
          .execute();
      h.createUpdate(schema.sql("DELETE FROM {p}blob_chunk WHERE upload_id = :upload"))
          .bind("upload", row.get().uploadId())
          .execute();
      return true;
    });
  }

  private Optional<Row> find(Handle h, BlobId id) {
    return h.createQuery(schema.sql(
            "SELECT upload_id, blob_size, chunk_size FROM {p}blob_object WHERE id = :id"))
        .bind("id", id.value())
        .map((rs, ctx) ->
            new Row(rs.getString("upload_id"), rs.getLong("blob_size"), rs.getInt("chunk_size")))
        .findOne();
  }

  /** A committed blob: where its chunks are and how they are cut. */
  private record Row(String uploadId, long size, int chunkSize) {}
}
