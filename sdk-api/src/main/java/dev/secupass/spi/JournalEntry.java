package dev.secupass.spi;

import dev.secupass.api.BlobId;
import java.time.Instant;
import java.util.Objects;

/**
 * A blob the {@link BlobJournal} knows may be orphaned: its upload began at {@code begunAt} and no
 * committed row has taken it over yet.
 *
 * @param blob the blob
 * @param begunAt when its upload began (or when the last row referencing it let go of it)
 * @param claimed whether a sweep has {@linkplain BlobJournal#claim claimed} it for deletion
 */
public record JournalEntry(BlobId blob, Instant begunAt, boolean claimed) {
  public JournalEntry {
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(begunAt, "begunAt");
  }
}
