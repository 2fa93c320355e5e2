package dev.secupass.samples.cli.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports the bytes read through it to a {@link ProgressBar}. */
public final class ProgressInputStream extends FilterInputStream {
  private final ProgressBar bar;
  private long done;

  public ProgressInputStream(InputStream in, ProgressBar bar) {
    super(in);
    this.bar = bar;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      bar.update(++done);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      done += n;
      bar.update(done);
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    bar.finish();
    super.close();
  }
}
