package dev.secupass.core.internal.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * What encrypting a content stream produced.
 *
 * @param plaintextSize bytes encrypted
 * @param ciphertextSize bytes written, header and tags included
 * @param digest the two-level SHA-256 ciphertext digest ({@code docs/format.md}) if the cipher was
 *     built with {@link ContentCipher.Builder#computeDigest(boolean)}, otherwise empty
 */
public record EncryptedContent(long plaintextSize, long ciphertextSize, byte[] digest) {
  public EncryptedContent {
    Objects.requireNonNull(digest, "digest");
    digest = digest.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedContent e
        && plaintextSize == e.plaintextSize
        && ciphertextSize == e.ciphertextSize
        && Arrays.equals(digest, e.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(plaintextSize, ciphertextSize, Arrays.hashCode(digest));
  }

  @Override
  public String toString() {
    return "EncryptedContent[plaintextSize=" + plaintextSize + ", ciphertextSize="
        + ciphertextSize + "]";
  }
}
