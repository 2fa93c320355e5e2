package dev.secupass.core.relay;

/**
 * The Argon2id cost a private-key blob was sealed with, as a client reports it with its keys
 * ({@code docs/format.md}, "Private-key blob"). A host moves it between the client and the relay;
 * the relay checks it against the cost the blob itself names.
 *
 * @param memoryKiB the memory in KiB
 * @param iterations the number of passes
 * @param parallelism the number of lanes
 */
public record KdfCost(int memoryKiB, int iterations, int parallelism) {

  public KdfCost {
    if (memoryKiB < 1 || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException(
          "an Argon2id cost has a positive memory, number of passes and number of lanes");
    }
  }
}
