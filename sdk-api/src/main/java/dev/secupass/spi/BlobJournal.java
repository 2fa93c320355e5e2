package dev.secupass.spi;

import dev.secupass.api.BlobId;
import java.time.Instant;
import java.util.List;

/**
 * The upload journal: the blobs that may exist in the {@link BlobStore} with no row referring to
 * them. Blob content is not part of a transaction, so a process that dies between a blob's commit
 * and the commit of the row that names it would leave a blob nobody can find; the journal names
 * each such blob so that a sweep can delete it.
 *
 * <p>The protocol, as the SDK follows it:
 *
 * <ol>
 *   <li>Before the first byte of a blob is written, {@link #begin} records it, in a transaction of
 *       its own (called outside {@link Storage#inTransaction}), so the entry outlives any crash of
 *       the upload.
 *   <li>The transaction that stores the row referring to the blob calls {@link #forget}; if it
 *       returns {@code false} a sweep has claimed the blob, and the transaction must fail rather
 *       than commit a reference to a blob that is being deleted.
 *   <li>A transaction that stops referring to a blob {@linkplain #begin begins} an entry for it,
 *       so the blob is deleted even if the process dies before it deletes the blob itself.
 *   <li>The sweep lists {@link #stale} entries, {@linkplain #claim claims} each, deletes its blob
 *       and then {@linkplain #remove removes} the entry: blob first, so a crash in the sweep
 *       leaves the entry for the next one.
 * </ol>
 *
 * {@code forget} and {@code claim} exclude each other for one blob, across threads and
 * processes: once one of them succeeded the other fails. That is what keeps the sweep from ever
 * deleting a blob a committed row refers to.
 *
 * <p>Entries hold blob ids and times only, no secret. Called in a transaction ({@link
 * Storage#inTransaction}), every method is all or nothing with it.
 */
public interface BlobJournal {

  /**
   * Records that {@code blob} may be orphaned from {@code at} on: its upload is about to begin,
   * or a row just let go of it.
   *
   * @throws dev.secupass.api.ConflictException if the journal already has an entry for {@code
   *     blob}
   */
  void begin(BlobId blob, Instant at);

  /**
   * Removes the entry of a blob that a row now refers to, unless a sweep claimed it.
   *
   * @return {@code true} if the entry was there unclaimed and is now gone; {@code false} if there
   *     was none or a sweep claimed it (its blob is being deleted: do not refer to it)
   * @throws dev.secupass.api.ConflictException if a concurrent {@link #claim} of the same blob
   *     got in the way (a store may say so instead of waiting): the caller lost, as with {@code
   *     false}
   */
  boolean forget(BlobId blob);

  /**
   * Up to {@code limit} entries begun before {@code before} (strictly), claimed ones included,
   * oldest first (ties in blob id order).
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  List<JournalEntry> stale(Instant before, int limit);

  /**
   * Claims an entry for deletion: from now on {@link #forget} fails for it. Idempotent, so a sweep
   * that a crash cut short claims again.
   *
   * @return {@code true} if the entry exists (claimed now or before); {@code false} if there is
   *     none (a row took the blob over: leave it alone)
   * @throws dev.secupass.api.ConflictException if a concurrent {@link #forget} of the same blob
   *     got in the way: leave the blob alone this time
   */
  boolean claim(BlobId blob);

  /**
   * Removes the entry whatever its state, once its blob is deleted. Idempotent; an unknown blob is
   * ignored.
   */
  void remove(BlobId blob);
}
