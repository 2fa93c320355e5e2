package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.JournalEntry;
import java.time.Instant;
import java.util.List;

/**
 * {@link BlobJournal} on the {@code blob_journal} table. {@link #forget} deletes the row only
 * while {@code claimed} is false and {@link #claim} sets it only while the row exists: both are
 * single-row statements on the primary key, so the database's row lock orders them and the second
 * sees the first's outcome (PostgreSQL re-checks the condition on the committed row, InnoDB and H2
 * read the latest committed version for writes).
 */
public final class JdbcBlobJournal implements BlobJournal {
  private final Session session;
  private final Schema schema;

  public JdbcBlobJournal(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  public void begin(BlobId blob, Instant at) {
    session.write("journal blob " + blob, h ->
        h.createUpdate(schema.sql("INSERT INTO {p}blob_journal (blob_id, begun_at, claimed)"
                + " VALUES (:blob, :at, FALSE)"))
            .bind("blob", blob.value())
            .bind("at", Times.stored(at))
            .execute());
  }

  @Override
  public boolean forget(BlobId blob) {
    return session.write("take blob " + blob + " out of the upload journal", h ->
        h.createUpdate(schema.sql("DELETE FROM {p}blob_journal WHERE blob_id = :blob"
                + " AND claimed = FALSE"))
            .bind("blob", blob.value())
            .execute()) == 1;
  }

  @Override
  public List<JournalEntry> stale(Instant before, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
    return session.read("list stale entries of the upload journal", h ->
        h.createQuery(schema.sql("SELECT blob_id, begun_at, claimed FROM {p}blob_journal"
                + " WHERE begun_at < :before ORDER BY begun_at, blob_id LIMIT :limit"))
            .bind("before", before)
            .bind("limit", limit)
            .map((rs, ctx) -> new JournalEntry(BlobId.of(rs.getString("blob_id")),
                Times.read(rs, "begun_at"), rs.getBoolean("claimed")))
            .list());
  }

  @Override
  public boolean claim(BlobId blob) {
    return session.write("claim blob " + blob + " for the sweep", h ->
        h.createUpdate(schema.sql("UPDATE {p}blob_journal SET claimed = TRUE"
                + " WHERE blob_id = :blob"))
            .bind("blob", blob.value())
            .execute()) == 1;
  }

  @Override
  public void remove(BlobId blob) {
    session.write("remove blob " + blob + " from the upload journal", h ->
        h.createUpdate(schema.sql("DELETE FROM {p}blob_journal WHERE blob_id = :blob"))
            .bind("blob", blob.value())
            .execute());
  }
}
