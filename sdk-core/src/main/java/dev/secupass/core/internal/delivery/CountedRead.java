package dev.secupass.core.internal.delivery;

import dev.secupass.api.FileId;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file's plaintext as a reader reads it, counted as a download when it is read to the file's end:
 * the limit is checked at the first read, and the download is recorded before the bytes that end
 * the file are handed out (so a refusal withholds them). A stream that ends early, fails, or covers
 * a range that does not reach the file's end counts nothing.
 */
final class CountedRead extends FilterInputStream {
  private final Downloads downloads;
  private final FileId file;
  private final long end;
  private final boolean endsFile;
  private long position;
  private boolean started;
  private boolean counted;
  private byte[] aside = new byte[0];

  /**
   * @param start the plaintext offset the stream starts at
   * @param end the plaintext offset it ends at (exclusive)
   * @param fileSize the file's size: the stream counts if {@code end} is the file's end
   */
  CountedRead(InputStream in, Downloads downloads, FileId file, long start, long end,
      long fileSize) {
    super(in);
    this.downloads = downloads;
    this.file = file;
    this.position = start;
    this.end = end;
    this.endsFile = end == fileSize;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!started) {
      started = true;
      downloads.checkLimit();
    }
    if (!endsFile || counted || position + len < end) {
      int n = in.read(b, off, len);
      if (n > 0) {
        position += n;
      }
      return n;
    }
    // This read may hand out the file's last bytes: take them aside, count, then hand them out.
    if (aside.length < len) {
      aside = new byte[len];
    }
    int n = in.read(aside, 0, len);
    if ((n > 0 && position + n >= end) || (n < 0 && position >= end)) {
      downloads.completed(file);
      counted = true;
    }
    if (n > 0) {
      System.arraycopy(aside, 0, b, off, n);
      position += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
