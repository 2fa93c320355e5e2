package dev.secupass.core.testing;

import dev.secupass.core.keys.KdfPolicy;

/** KDF policies for tests. */
public final class TestPolicies {
  /** Argon2id at 64 KiB and one pass: fast enough for many activations per test. */
  public static final KdfPolicy FAST = KdfPolicy.builder()
      .memoryKiB(64)
      .iterations(1)
      .parallelism(1)
      .allowWeakParametersForTests()
      .build();

  /** A little stronger than {@link #FAST}, to test re-sealing under a raised policy. */
  public static final KdfPolicy FAST_RAISED = KdfPolicy.builder()
      .memoryKiB(128)
      .iterations(2)
      .parallelism(1)
      .allowWeakParametersForTests()
      .build();

  private TestPolicies() {}
}
