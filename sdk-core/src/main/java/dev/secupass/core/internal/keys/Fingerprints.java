package dev.secupass.core.internal.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.format.ByteWriter;

/**
 * Computes fingerprints ({@code docs/format.md}, "Fingerprint"): SHA-512 over the label, the user
 * id and both public keys; eight groups of five digits, each group a 40-bit big-endian slice of the
 * hash modulo 100000 (about 133 bits in all).
 */
public final class Fingerprints {
  /** Number of five-digit groups. */
  public static final int GROUPS = 8;

  private static final byte[] LABEL = Labels.of(Labels.FINGERPRINT);

  private Fingerprints() {}

  public static Fingerprint of(UserId user, byte[] encryptionKey, byte[] signingKey) {
    byte[] input = new ByteWriter()
        .string(user.value())
        .bytes(encryptionKey)
        .bytes(signingKey)
        .toByteArray();
    byte[] hash = Hashes.sha512(LABEL, input);
    StringBuilder digits = new StringBuilder(GROUPS * 6);
    for (int group = 0; group < GROUPS; group++) {
      long value = 0;
      for (int i = 0; i < 5; i++) {
        value = (value << 8) | (hash[group * 5 + i] & 0xFF);
      }
      if (group > 0) {
        digits.append(' ');
      }
      digits.append(String.format("%05d", value % 100_000));
    }
    return Fingerprint.of(digits.toString());
  }
}
