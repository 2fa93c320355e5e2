package dev.secupass.spi;

import java.io.OutputStream;

/**
 * A blob being written. Bytes written are invisible to readers until {@link #commit()} returns;
 * then the whole blob is visible at once. {@link #close()} without a commit aborts: nothing
 * becomes visible and the partial data is discarded. So:
 *
 * <pre>{@code
 * try (BlobOutput out = blobs.create(id)) {
 *   source.transferTo(out);
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>Not safe for use by several threads at once.
 */
public abstract class BlobOutput extends OutputStream {

  /**
   * Makes the written bytes visible as the blob. After this, writing fails and {@link #close()}
   * does nothing.
   *
   * @return the committed blob
   * @throws dev.secupass.api.ConflictException if a blob with this id was committed before (and
   *     {@code create} did not say so already) or meanwhile
   *     (the written bytes are discarded; blobs are never overwritten)
   * @throws dev.secupass.api.StorageException if the backend failed; nothing became visible
   * @throws IllegalStateException if already committed or aborted
   */
  public abstract BlobInfo commit();

  /** Discards what was written. Idempotent; does nothing after a commit. */
  public abstract void abort();

  /** Aborts unless committed. */
  @Override
  public void close() {
    abort();
  }
}
