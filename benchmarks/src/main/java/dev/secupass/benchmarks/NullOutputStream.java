package dev.secupass.benchmarks;

import java.io.OutputStream;

/** A sink that discards what it is given without copying it. */
final class NullOutputStream extends OutputStream {
  static final NullOutputStream INSTANCE = new NullOutputStream();

  private NullOutputStream() {}

  @Override
  public void write(int b) {}

  @Override
  public void write(byte[] b, int off, int len) {}
}
