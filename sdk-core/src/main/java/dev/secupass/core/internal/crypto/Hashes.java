package dev.secupass.core.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, SHA-512 and HMAC-SHA256 from the JDK (which uses the CPU's SHA extensions). */
public final class Hashes {
  private Hashes() {}

  public static MessageDigest sha256() {
    return digest("SHA-256");
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest digest = sha256();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** SHA-512 of the concatenation of {@code parts}. */
  public static byte[] sha512(byte[]... parts) {
    MessageDigest digest = digest("SHA-512");
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** HMAC-SHA256 under {@code key} of the concatenation of {@code parts}. */
  public static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }

  /** Constant-time equality of two byte arrays (lengths are not secret). */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is unavailable in this JDK", e);
    }
  }
}
