package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.crypto.Wipe;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over one segment of a content stream, on the JDK's cipher (hardware AES and carry-less
 * multiply). The 12-byte nonce is {@code noncePrefix(7) || u32 segment index || u8 last flag}, so
 * each segment is bound to its position and the final segment is marked.
 *
 * <p>Works in place or between arrays without intermediate copies. One instance per thread: the
 * {@code Cipher} inside is reused for every segment.
 */
public final class SegmentCipher {
  /** GCM tag length in bytes, appended to every segment. */
  public static final int TAG_SIZE = 16;
  /** The largest segment index the 32-bit counter allows. */
  public static final long MAX_INDEX = 0xFFFF_FFFFL;

  private final Cipher cipher;
  private final SecretKeySpec key;
  private final byte[] nonce = new byte[12];

  public SegmentCipher(byte[] fileKey, byte[] noncePrefix) {
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is unavailable in this JDK", e);
    }
    this.key = new SecretKeySpec(fileKey, "AES");
    System.arraycopy(noncePrefix, 0, nonce, 0, StreamHeader.NONCE_PREFIX_SIZE);
  }

  /**
   * Encrypts {@code in[inOffset, inOffset + length)} into {@code out} at {@code outOffset} (which
   * may be the same place), followed by the tag.
   *
   * @return {@code length + TAG_SIZE}
   */
  public int encrypt(long index, boolean last, byte[] in, int inOffset, int length, byte[] out,
      int outOffset) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, parameters(index, last));
      return cipher.doFinal(in, inOffset, length, out, outOffset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates a segment of {@code length} bytes (ciphertext and tag) into {@code
   * out} at {@code outOffset} (which may be the same place). On failure the output range is
   * overwritten with zeros before the exception, so no unauthenticated plaintext stays behind.
   *
   * @return the plaintext length, {@code length - TAG_SIZE}
   * @throws IntegrityException if the segment does not authenticate at this index and position
   */
  public int decrypt(long index, boolean last, byte[] in, int inOffset, int length, byte[] out,
      int outOffset) {
    if (length < TAG_SIZE) {
      throw new IntegrityException("content segment " + index + " is truncated");
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, parameters(index, last));
      return cipher.doFinal(in, inOffset, length, out, outOffset);
    } catch (AEADBadTagException e) {
      Arrays.fill(out, outOffset, outOffset + length - TAG_SIZE, (byte) 0);
      throw new IntegrityException("content segment " + index + " failed authentication"
          + " (tampered, truncated, reordered, wrong key or wrong context)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /** Wipes the nonce; the JDK's key copies inside the cipher cannot be reached. */
  public void destroy() {
    Wipe.bytes(nonce);
  }

  private GCMParameterSpec parameters(long index, boolean last) {
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalStateException("content streams hold at most 2^32 segments");
    }
    nonce[7] = (byte) (index >>> 24);
    nonce[8] = (byte) (index >>> 16);
    nonce[9] = (byte) (index >>> 8);
    nonce[10] = (byte) index;
    nonce[11] = (byte) (last ? 1 : 0);
    return new GCMParameterSpec(TAG_SIZE * 8, nonce);
  }
}
