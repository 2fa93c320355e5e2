package dev.secupass.core.internal.content;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.JournalEntry;
import dev.secupass.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every blob writer of the SDK keeps the {@link BlobJournal}: a blob is journaled before its
 * first byte ({@link #begin}), taken out of the journal by the transaction that stores the row
 * referring to it ({@link #adopt}), journaled again by a transaction that lets go of it ({@link
 * #release}), and deleted with its entry when an upload fails ({@link #discard}) or, after a
 * crash, by the {@link #sweep}. So no blob stays in the store with nothing referring to it, and
 * the sweep never deletes one that a row refers to.
 */
public final class UploadJournal {
  /** How long a journaled blob may wait for its row before the sweep deletes it: 1 hour. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(UploadJournal.class);

  private final Storage storage;
  private final BlobStore blobs;
  private final Clock clock;

  public UploadJournal(Storage storage, BlobStore blobs, Clock clock) {
    this.storage = storage;
    this.blobs = blobs;
    this.clock = clock;
  }

  /** The blob store the journaled blobs are written to. */
  public BlobStore blobs() {
    return blobs;
  }

  /**
   * Journals {@code blob} in a transaction of its own, before its upload writes a byte. Must not
   * be called inside a transaction: the entry has to outlive a crash of the upload.
   */
  public BlobId begin(BlobId blob) {
    storage.blobJournal().begin(blob, clock.instant());
    return blob;
  }

  /**
   * Takes {@code blob} out of the journal in {@code tx}, the transaction that stores the row
   * referring to it.
   *
   * @throws ConflictException if the sweep claimed it (the upload outlasted the grace period and
   *     its blob is being deleted): the transaction must not commit
   */
  public static void adopt(Storage tx, BlobId blob) {
    if (!tx.blobJournal().forget(blob)) {
      throw new ConflictException("an uploaded file was removed as abandoned before it could be"
          + " stored (the upload took longer than the sweep's grace period); upload it again");
    }
  }

  /**
   * Journals {@code blob} in {@code tx}, the transaction that stops referring to it, so the sweep
   * deletes it if the process dies before {@link #discard} does.
   */
  public void release(Storage tx, BlobId blob) {
    tx.blobJournal().begin(blob, clock.instant());
  }

  /**
   * Deletes a journaled blob that no row refers to, then its entry: after a failed upload, or
   * after the transaction that {@linkplain #release let go} of it. It claims the entry first, so a
   * blob that a row took over after all (a commit whose outcome was unknown, and that did commit)
   * is left alone. A failure is logged, not thrown: the entry stays, and the sweep tries again.
   */
  public void discard(BlobId blob) {
    try {
      BlobJournal journal = storage.blobJournal();
      if (journal.claim(blob)) {
        blobs.delete(blob);
        journal.remove(blob);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not delete blob {}, which nothing refers to; the sweep will: {}", blob,
          e.toString());
    }
  }

  /** Claims an entry for deletion; false if a row took it over, or a race with one got in the way. */
  private static boolean claim(BlobJournal journal, BlobId blob) {
    try {
      return journal.claim(blob);
    } catch (ConflictException e) {
      LOG.debug("blob {} was taken over while the sweep claimed it; left for the next sweep", blob);
      return false;
    }
  }

  /** What one {@link #sweep} did. */
  public record Swept(int deleted, boolean more) {}

  /**
   * Deletes up to {@code limit} blobs whose journal entry is older than {@code grace}, and the
   * entries: each is claimed first (so no transaction can adopt it any more), then its blob is
   * deleted, then the entry. An entry a row took over meanwhile is left alone.
   */
  public Swept sweep(Duration grace, int limit) {
    Instant before = clock.instant().minus(grace);
    BlobJournal journal = storage.blobJournal();
    List<JournalEntry> stale = journal.stale(before, limit);
    int deleted = 0;
    for (JournalEntry entry : stale) {
      if (!claim(journal, entry.blob())) {
        continue;
      }
      if (blobs.delete(entry.blob())) {
        deleted++;
      }
      journal.remove(entry.blob());
    }
    return new Swept(deleted, stale.size() == limit);
  }
}
