package dev.secupass.core.internal.delivery;

import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.delivery.ProgressListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file's plaintext as it is read for sending: counts the bytes, reports progress, enforces the
 * policy's file and total size limits while streaming. A declared size (-1 if none) is the total
 * its progress reports; {@link dev.secupass.core.internal.content.EncryptedBlobs} holds the file
 * to it.
 */
final class MeteredInput extends FilterInputStream {
  private final String name;
  private final long declaredSize;
  private final DeliveryPolicy policy;
  private final ProgressListener progress;
  private final long totalBefore;
  private long count;

  MeteredInput(InputStream in, String name, long declaredSize, DeliveryPolicy policy,
      ProgressListener progress, long totalBefore) {
    super(in);
    this.name = name;
    this.declaredSize = declaredSize;
    this.policy = policy;
    this.progress = progress;
    this.totalBefore = totalBefore;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      return n;
    }
    count += n;
    if (count > policy.maxFileSize()) {
      throw policy.fileTooLarge(name);
    }
    if (totalBefore + count > policy.maxTotalSize()) {
      throw policy.totalTooLarge();
    }
    progress.progress(name, count, declaredSize);
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("a file being sent is read, not skipped");
  }
}
