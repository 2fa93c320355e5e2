package dev.secupass.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A {@link SecureRandom} that returns the same bytes for the same seed: SHA-256 of the seed and a
 * counter, block after block. For reproducible known-answer vectors and tests only; it is of
 * course not random.
 */
public final class DeterministicRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] seed;
  private long counter;
  private byte[] block = new byte[0];
  private int position;

  public DeterministicRandom(String seed) {
    this.seed = seed.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (position == block.length) {
        block = nextBlock();
        position = 0;
      }
      bytes[i] = block[position++];
    }
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] out = new byte[numBytes];
    nextBytes(out);
    return out;
  }

  @Override
  public void setSeed(long ignored) {
    // The seed is fixed at construction; SecureRandom's constructor calls this before then.
  }

  @Override
  public void setSeed(byte[] ignored) {
    // As above.
  }

  private byte[] nextBlock() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(seed);
      for (int shift = 56; shift >= 0; shift -= 8) {
        sha256.update((byte) (counter >>> shift));
      }
      counter++;
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
