package dev.secupass.samples.web.testing;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * A stream of {@code size} pseudo-random bytes that is generated as it is read (never held whole)
 * and hashed on the way, so a test can send gigabytes and still compare what arrived.
 */
public final class GeneratedStream extends InputStream {
  private final Random random;
  private final long size;
  private final MessageDigest digest = sha256();
  private long position;

  public GeneratedStream(long size, long seed) {
    this.size = size;
    this.random = new Random(seed);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(length, size - position);
    byte[] chunk = new byte[n];
    random.nextBytes(chunk);
    System.arraycopy(chunk, 0, buffer, offset, n);
    digest.update(chunk);
    position += n;
    return n;
  }

  /** SHA-256 of everything read; call after the stream was read to its end. */
  public byte[] sha256Digest() {
    return digest.digest();
  }

  /** SHA-256 of a whole stream, read in chunks. */
  public static byte[] sha256Of(InputStream in) throws java.io.IOException {
    MessageDigest digest = sha256();
    byte[] chunk = new byte[64 * 1024];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      digest.update(chunk, 0, n);
    }
    return digest.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
