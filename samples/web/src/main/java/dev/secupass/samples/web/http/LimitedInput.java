package dev.secupass.samples.web.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload's body that fails with {@link UploadTooLargeException} past the sample's limit. */
public final class LimitedInput extends FilterInputStream {
  private final long maxBytes;
  private long count;

  public LimitedInput(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("an upload is read, not skipped");
  }

  private void counted(int n) {
    count += n;
    if (count > maxBytes) {
      throw new UploadTooLargeException(maxBytes);
    }
  }
}
