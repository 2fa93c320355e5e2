package dev.secupass.benchmarks.s3;

import java.io.InputStream;
import java.util.Objects;

/**
 * {@code size} bytes made by repeating one block: benchmark data of any size that costs no heap
 * and reads as fast as memory copies, so the transfer is what is measured.
 */
final class PatternInputStream extends InputStream {
  private final byte[] block;
  private final long size;
  private long position;

  PatternInputStream(byte[] block, long size) {
    this.block = block;
    this.size = size;
  }

  @Override
  public int read() {
    if (position == size) {
      return -1;
    }
    return block[(int) (position++ % block.length)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (position == size) {
      return -1;
    }
    int at = (int) (position % block.length);
    int n = (int) Math.min(Math.min(len, block.length - at), size - position);
    System.arraycopy(block, at, b, off, n);
    position += n;
    return n;
  }
}
