package dev.secupass.core.internal.crypto;

import java.security.GeneralSecurityException;

/** HKDF-SHA256 (RFC 5869), from Tink; its HMAC runs on the JDK provider. */
public final class Hkdf {
  private Hkdf() {}

  /** Extract-then-expand: {@code length} bytes of HKDF-SHA256(ikm, salt, info). */
  public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    try {
      return com.google.crypto.tink.subtle.Hkdf.computeHkdf("HMACSHA256", ikm, salt, info, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 failed", e);
    }
  }
}
