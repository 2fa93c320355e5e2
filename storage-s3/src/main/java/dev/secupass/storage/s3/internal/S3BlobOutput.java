package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;

/**
 * What the store's outputs share: an output is open until it is committed or aborted, once; a
 * commit that throws aborts it, so that nothing is left half-sent.
 */
abstract class S3BlobOutput extends BlobOutput {
  private enum State { OPEN, COMMITTED, ABORTED }

  final BlobId id;
  private State state = State.OPEN;

  S3BlobOutput(BlobId id) {
    this.id = id;
  }

  @Override
  public final BlobInfo commit() {
    requireOpen();
    long size;
    try {
      size = complete();
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
    state = State.COMMITTED;
    return new BlobInfo(id, size);
  }

  @Override
  public final void abort() {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    discard();
  }

  /**
   * Makes the written bytes visible as the blob (or throws, and the output is aborted).
   *
   * @return the blob's size
   */
  abstract long complete();

  /** Discards what was sent; called once, on the first abort. */
  abstract void discard();

  /** Aborts and returns {@code failure}, for the caller to throw. */
  final RuntimeException failWith(RuntimeException failure) {
    abort();
    return failure;
  }

  final void requireOpen() {
    if (state == State.COMMITTED) {
      throw new IllegalStateException("Blob " + id + " is already committed");
    }
    if (state == State.ABORTED) {
      throw new IllegalStateException("The write of blob " + id + " was aborted");
    }
  }
}
