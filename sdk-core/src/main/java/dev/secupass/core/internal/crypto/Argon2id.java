package dev.secupass.core.internal.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id version 1.3 (RFC 9106) from BouncyCastle, without secret or associated data. */
public final class Argon2id {
  private Argon2id() {}

  /**
   * Derives {@code length} bytes from {@code password} and {@code salt}.
   *
   * @param memoryKiB memory cost m in KiB
   * @param iterations passes t
   * @param parallelism lanes p
   */
  public static byte[] derive(byte[] password, byte[] salt, int memoryKiB, int iterations,
      int parallelism, int length) {
    Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt)
        .withMemoryAsKB(memoryKiB)
        .withIterations(iterations)
        .withParallelism(parallelism);
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(builder.build());
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    builder.clear();
    return out;
  }
}
