package dev.secupass.core.internal.memory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A growable byte sequence kept as fixed-size chunks, so a blob neither needs one contiguous array
 * nor is copied as it grows. Written by one thread, then frozen and read by many.
 */
public final class ChunkedBytes {
  private static final int CHUNK = 64 * 1024;

  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  public long size() {
    return size;
  }

  void write(byte[] bytes, int offset, int length) {
    int done = 0;
    while (done < length) {
      int inChunk = (int) (size % CHUNK);
      if (inChunk == 0) {
        chunks.add(new byte[CHUNK]);
      }
      int n = Math.min(length - done, CHUNK - inChunk);
      System.arraycopy(bytes, offset + done, chunks.get(chunks.size() - 1), inChunk, n);
      done += n;
      size += n;
    }
  }

  /** A stream of {@code length} bytes from {@code position}; the range must lie inside. */
  public InputStream open(long position, long length) {
    return new InputStream() {
      private long next = position;
      private final long end = position + length;

      @Override
      public int read() {
        if (next >= end) {
          return -1;
        }
        byte b = chunks.get((int) (next / CHUNK))[(int) (next % CHUNK)];
        next++;
        return b & 0xff;
      }

      @Override
      public int read(byte[] into, int offset, int max) {
        Objects.checkFromIndexSize(offset, max, into.length);
        if (max == 0) {
          return 0;
        }
        if (next >= end) {
          return -1;
        }
        int inChunk = (int) (next % CHUNK);
        int n = (int) Math.min(Math.min(max, CHUNK - inChunk), end - next);
        System.arraycopy(chunks.get((int) (next / CHUNK)), inChunk, into, offset, n);
        next += n;
        return n;
      }

      @Override
      public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - next);
      }
    };
  }
}
