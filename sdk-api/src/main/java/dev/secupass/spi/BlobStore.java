package dev.secupass.spi;

import dev.secupass.api.BlobId;
import java.io.InputStream;
import java.util.Optional;

/**
 * Blob content: the ciphertext of files, far larger than memory. Blobs are immutable once
 * committed; they are read whole or by byte range and deleted whole.
 *
 * <p>Reads and writes stream: an implementation holds at most a bounded buffer (for example one
 * multipart part) in memory, whatever the blob's size. I/O failures surface as {@link
 * dev.secupass.api.StorageException} (also when thrown from a returned stream, wrapped in an
 * {@link java.io.UncheckedIOException} or as an {@link java.io.IOException} whose cause is one).
 */
public interface BlobStore {

  /**
   * Starts writing a blob. Nothing is visible until {@link BlobOutput#commit()}; a crash before
   * that leaves nothing a reader can see. A committed blob is never replaced: writing the id of
   * one fails with {@link dev.secupass.api.ConflictException}, here or at the latest from {@link
   * BlobOutput#commit()} (a store on a remote service may save the round trip of checking here).
   *
   * @throws dev.secupass.api.ConflictException if a blob with this id is already committed and
   *     the store checks at once
   */
  BlobOutput create(BlobId id);

  /**
   * Starts writing a blob of exactly {@code size} bytes. A store may use the size to send the
   * blob differently (one streamed request instead of a multipart upload); otherwise this is
   * {@link #create(BlobId)}, with the size checked.
   *
   * <p>The size is a promise the output enforces: a write that would go past {@code size} bytes
   * throws {@link IllegalStateException} and aborts the output, as does a {@link
   * BlobOutput#commit()} after fewer bytes. In both cases nothing becomes visible and the id stays
   * free.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   * @throws dev.secupass.api.ConflictException as {@link #create(BlobId)}
   */
  default BlobOutput create(BlobId id, long size) {
    ExactSizeOutput.checkSize(size);
    return new ExactSizeOutput(id, create(id), size);
  }

  /** The committed blob's size; empty if there is none. */
  Optional<BlobInfo> stat(BlobId id);

  /**
   * Reads {@code length} bytes starting at {@code offset}, or fewer if the blob ends first.
   * {@code offset == size} gives an empty stream.
   *
   * @throws dev.secupass.api.NotFoundException if there is no committed blob with this id
   * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or {@code
   *     offset} is beyond the blob's end
   */
  InputStream open(BlobId id, long offset, long length);

  /** Reads the whole blob; as {@link #open(BlobId, long, long)} from 0 to the end. */
  default InputStream open(BlobId id) {
    return open(id, 0, Long.MAX_VALUE);
  }

  /** Deletes a committed blob; {@code false} if there was none. */
  boolean delete(BlobId id);
}
