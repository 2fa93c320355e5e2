package dev.secupass.spi;

import java.util.Objects;

/**
 * The key-derivation cost a user's private keys are protected with, recorded beside the encrypted
 * blob (which holds them too, authenticated) so a host can find users below its policy.
 *
 * @param algorithm for example {@code "argon2id"}
 * @param memoryKiB memory cost in KiB, 8 or more
 * @param iterations passes, 1 or more
 * @param parallelism lanes, 1 or more
 */
public record KdfParameters(String algorithm, int memoryKiB, int iterations, int parallelism) {
  public KdfParameters {
    Objects.requireNonNull(algorithm, "algorithm");
    if (algorithm.isBlank()) {
      throw new IllegalArgumentException("algorithm must not be blank");
    }
    if (memoryKiB < 8 || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("KDF costs must be positive (memory at least 8 KiB)");
    }
  }
}
