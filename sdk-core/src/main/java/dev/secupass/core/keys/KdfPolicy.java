package dev.secupass.core.keys;

import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.spi.KdfParameters;

/**
 * The Argon2id cost new private-key blobs are sealed with. Blobs record their own parameters, so a
 * policy can be raised at any time: the next unlock of a blob sealed under weaker parameters
 * re-seals it under the policy's.
 *
 * <p>{@link #DEFAULT} is RFC 9106's second recommended option: 64 MiB, 3 passes, 1 lane. A policy
 * can only be weaker than that when built with {@link Builder#allowWeakParametersForTests()}, which
 * exists so test suites can run many activations quickly; production hosts never call it.
 */
public final class KdfPolicy {
  /** 64 MiB memory, 3 passes, 1 lane. */
  public static final KdfPolicy DEFAULT = builder().build();

  private final KdfParameters parameters;

  private KdfPolicy(KdfParameters parameters) {
    this.parameters = parameters;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link KdfPolicy}, starting from {@link #DEFAULT}'s values. */
  public static final class Builder {
    private int memoryKiB = 64 * 1024;
    private int iterations = 3;
    private int parallelism = 1;
    private boolean allowWeak;

    private Builder() {}

    /** Memory cost in KiB, from 64 MiB (65536) to 1 GiB (1048576). */
    public Builder memoryKiB(int memoryKiB) {
      this.memoryKiB = memoryKiB;
      return this;
    }

    /** Passes, from 3 to 32. */
    public Builder iterations(int iterations) {
      this.iterations = iterations;
      return this;
    }

    /** Lanes, from 1 to 16. */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Accepts costs below {@link #DEFAULT} (down to Argon2's minimum of 8 KiB per lane and 1
     * pass). For tests only: a weak cost makes a stolen key record cheap to attack.
     */
    public Builder allowWeakParametersForTests() {
      this.allowWeak = true;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException if a cost is out of bounds, or below the default without
     *     {@link #allowWeakParametersForTests()}
     */
    public KdfPolicy build() {
      KdfParameters parameters;
      try {
        parameters = new KdfParameters(KeyBlob.ALGORITHM, memoryKiB, iterations, parallelism);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid Argon2id cost: " + e.getMessage());
      }
      if (!KeyBlob.withinBounds(parameters)) {
        throw new IllegalArgumentException("Argon2id cost out of bounds: memory 8 KiB per lane to "
            + KeyBlob.MAX_MEMORY_KIB + " KiB, passes 1-" + KeyBlob.MAX_ITERATIONS + ", lanes 1-"
            + KeyBlob.MAX_PARALLELISM + "; got " + parameters);
      }
      if (!allowWeak && (memoryKiB < 64 * 1024 || iterations < 3)) {
        throw new IllegalArgumentException("Argon2id cost below the default (64 MiB, 3 passes)"
            + " is only allowed for tests; got " + parameters);
      }
      return new KdfPolicy(parameters);
    }
  }

  /** The memory cost in KiB: what one derivation takes (and what the KDF limiter counts). */
  public int memoryKiB() {
    return parameters.memoryKiB();
  }

  /** The passes. */
  public int iterations() {
    return parameters.iterations();
  }

  /** The lanes. */
  public int parallelism() {
    return parameters.parallelism();
  }

  @Override
  public String toString() {
    return "KdfPolicy[" + parameters + "]";
  }
}
