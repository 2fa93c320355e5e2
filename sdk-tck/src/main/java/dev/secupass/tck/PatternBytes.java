package dev.secupass.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Pseudo-random content computed from a seed and the byte's position, so a test can write a blob
 * of any size and later check any range of it without ever holding the blob in memory.
 */
final class PatternBytes {
  private static final int BUFFER = 64 * 1024;

  private final long seed;

  PatternBytes(long seed) {
    this.seed = seed;
  }

  /** Fills {@code buffer[0, length)} with the bytes from {@code position} on. */
  void fill(long position, byte[] buffer, int length) {
    long wordIndex = -1;
    long word = 0;
    for (int i = 0; i < length; i++) {
      long p = position + i;
      if (p >>> 3 != wordIndex) {
        wordIndex = p >>> 3;
        word = word(wordIndex);
      }
      buffer[i] = (byte) (word >>> ((p & 7) * 8));
    }
  }

  /** Writes bytes {@code [0, size)} to {@code out} and returns their SHA-256 digest. */
  byte[] writeTo(OutputStream out, long size) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    for (long position = 0; position < size; position += BUFFER) {
      int n = (int) Math.min(BUFFER, size - position);
      fill(position, buffer, n);
      out.write(buffer, 0, n);
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  /** The SHA-256 digest of bytes {@code [position, position + length)}. */
  byte[] digest(long position, long length) {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    for (long done = 0; done < length; done += BUFFER) {
      int n = (int) Math.min(BUFFER, length - done);
      fill(position + done, buffer, n);
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  /** Reads {@code in} to its end; returns how many bytes it gave and their SHA-256 digest. */
  static Read read(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    long count = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      digest.update(buffer, 0, n);
      count += n;
    }
    return new Read(count, digest.digest());
  }

  /** What {@link #read} saw. */
  record Read(long length, byte[] sha256) {}

  private long word(long index) {
    // SplitMix64 finaliser: every word a well-mixed function of seed and index.
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
