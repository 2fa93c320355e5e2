package dev.secupass.core.internal.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/** Reads {@code remaining} bytes of a file channel from its current position, then ends. */
public final class RangeInputStream extends InputStream {
  private final FileChannel channel;
  private final String what;
  private long remaining;

  public RangeInputStream(FileChannel channel, long remaining, String what) {
    this.channel = channel;
    this.remaining = remaining;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, into.length);
    if (length == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n;
    try {
      n = channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(length, remaining)));
    } catch (IOException e) {
      throw IoFailures.inStream(what, e);
    }
    if (n == -1) {
      throw IoFailures.inStream(what, new IOException("the file ended early"));
    }
    remaining -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = Math.max(0, Math.min(n, remaining));
    try {
      channel.position(channel.position() + skipped);
    } catch (IOException e) {
      throw IoFailures.inStream(what, e);
    }
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, remaining);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
