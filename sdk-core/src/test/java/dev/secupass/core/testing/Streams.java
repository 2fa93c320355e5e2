package dev.secupass.core.testing;

import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentDecryptor;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.EncryptedContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Helpers that push bytes through content ciphers in tests. */
public final class Streams {
  private Streams() {}

  /** Encrypts {@code plaintext}, writing it in chunks of {@code chunk} bytes. */
  public static byte[] encrypt(ContentCipher cipher, byte[] plaintext, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContentEncryptor encryptor = cipher.encrypt(out)) {
      for (int offset = 0; offset < plaintext.length; offset += chunk) {
        encryptor.write(plaintext, offset, Math.min(chunk, plaintext.length - offset));
      }
      encryptor.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Encrypts {@code plaintext} onto {@code out} and returns what the encryptor reported. */
  public static EncryptedContent encrypt(ContentCipher cipher, byte[] plaintext,
      ByteArrayOutputStream out) throws IOException {
    try (ContentEncryptor encryptor = cipher.encrypt(out)) {
      encryptor.write(plaintext);
      return encryptor.finish();
    }
  }

  public static byte[] encrypt(ContentCipher cipher, byte[] plaintext) {
    return encrypt(cipher, plaintext, Math.max(1, plaintext.length));
  }

  /** Decrypts all of {@code ciphertext}, reading in chunks of {@code chunk} bytes. */
  public static byte[] decrypt(ContentCipher cipher, byte[] ciphertext, int chunk)
      throws IOException {
    try (InputStream in = cipher.decrypt(new ByteArrayInputStream(ciphertext))) {
      return readAll(in, chunk, new ByteArrayOutputStream());
    }
  }

  /**
   * Decrypts {@code ciphertext} by writing it to a {@link ContentDecryptor} in chunks; what was
   * released reaches {@code released} even if decryption fails.
   */
  public static byte[] decryptPushed(ContentCipher cipher, byte[] ciphertext, int chunk,
      ByteArrayOutputStream released) throws IOException {
    try (ContentDecryptor decryptor = cipher.decryptTo(released)) {
      for (int offset = 0; offset < ciphertext.length; offset += chunk) {
        decryptor.write(ciphertext, offset, Math.min(chunk, ciphertext.length - offset));
      }
      decryptor.finish();
    }
    return released.toByteArray();
  }

  /** Reads {@code in} to its end in chunks into {@code released}; returns the bytes. */
  public static byte[] readAll(InputStream in, int chunk, ByteArrayOutputStream released)
      throws IOException {
    byte[] buffer = new byte[chunk];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      released.write(buffer, 0, n);
    }
    return released.toByteArray();
  }

  /** {@code size} bytes of a repeating, position-dependent pattern. */
  public static byte[] pattern(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + (i >>> 8));
    }
    return bytes;
  }

  /** An input stream over a copy of {@code bytes}. */
  public static InputStream source(byte[] bytes) {
    return new ByteArrayInputStream(bytes.clone());
  }
}
