package dev.secupass.core.testing;

import java.security.SecureRandom;

/**
 * A {@link SecureRandom} that hands out exactly the given bytes, in order, and fails when they run
 * out: replays the salts, nonces and ephemeral keys recorded in the known-answer vectors.
 */
public final class FixedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private int position;

  public FixedRandom(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    bytes = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, bytes, offset, part.length);
      offset += part.length;
    }
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (bytes == null || position + out.length > bytes.length) {
      throw new IllegalStateException("the recorded random bytes ran out");
    }
    System.arraycopy(bytes, position, out, 0, out.length);
    position += out.length;
  }

  @Override
  public void setSeed(long ignored) {
    // Fixed bytes; SecureRandom's constructor calls this before the fields are set.
  }

  @Override
  public void setSeed(byte[] ignored) {
    // As above.
  }
}
