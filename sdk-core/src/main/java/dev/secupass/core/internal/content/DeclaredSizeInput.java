package dev.secupass.core.internal.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Content read for encryption, held to the size it was declared with: reading fails as soon as it
 * runs past the size, or at its end if it is shorter. The blob it goes into was created with the
 * matching ciphertext size, so the clear error comes from here rather than from the blob store.
 */
final class DeclaredSizeInput extends FilterInputStream {
  private final String what;
  private final long declared;
  private long count;

  /**
   * @param what names the content in messages ({@code "file 'a.pdf'"})
   * @param declared its size in bytes
   */
  DeclaredSizeInput(InputStream in, String what, long declared) {
    super(in);
    this.what = what;
    this.declared = declared;
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
      if (count != declared) {
        throw new IllegalArgumentException(
            what + " was declared as " + declared + " bytes but has " + count);
      }
      return n;
    }
    count += n;
    if (count > declared) {
      throw new IllegalArgumentException(
          what + " was declared as " + declared + " bytes but has more");
    }
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("content being encrypted is read, not skipped");
  }
}
