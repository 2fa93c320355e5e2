package dev.secupass.spi;

import dev.secupass.api.BlobId;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link BlobOutput} that holds its writer to a declared size (see {@link
 * BlobStore#create(BlobId, long)}): one byte too many, or a commit one byte short, aborts the
 * output it wraps, as does a failed write (so that the count never runs ahead of the bytes).
 */
final class ExactSizeOutput extends BlobOutput {
  private final BlobId id;
  private final BlobOutput out;
  private final long size;
  private long written;

  ExactSizeOutput(BlobId id, BlobOutput out, long size) {
    this.id = id;
    this.out = out;
    this.size = size;
  }

  static void checkSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("a blob's size must not be negative; got " + size);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkRoom(len);
    try {
      out.write(b, off, len);
    } catch (IOException | RuntimeException e) {
      out.abort();
      throw e;
    }
    written += len;
  }

  @Override
  public BlobInfo commit() {
    if (written != size) {
      out.abort();
      throw new IllegalStateException(
          "Blob " + id + " was declared as " + size + " bytes but only " + written + " were written");
    }
    return out.commit();
  }

  @Override
  public void abort() {
    out.abort();
  }

  /** Aborts and throws if {@code len} more bytes would exceed the declared size. */
  private void checkRoom(int len) {
    if (len > size - written) {
      out.abort();
      throw new IllegalStateException("Blob " + id + " was declared as " + size
          + " bytes; writing " + len + " more after " + written + " would exceed it");
    }
  }
}
