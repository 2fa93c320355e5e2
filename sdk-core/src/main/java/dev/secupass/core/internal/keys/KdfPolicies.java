package dev.secupass.core.internal.keys;

import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.spi.KdfParameters;

/** A {@link KdfPolicy} as the stores record it, and when a stored blob falls short of it. */
public final class KdfPolicies {
  private KdfPolicies() {}

  /** The parameters new blobs and password hashes are made with. */
  public static KdfParameters parameters(KdfPolicy policy) {
    return new KdfParameters(KeyBlob.ALGORITHM, policy.memoryKiB(), policy.iterations(),
        policy.parallelism());
  }

  /**
   * Whether a blob sealed with {@code stored} should be re-sealed under {@code policy}: the policy
   * asks for more memory or more passes, or another algorithm.
   */
  public static boolean isStrongerThan(KdfPolicy policy, KdfParameters stored) {
    return !stored.algorithm().equals(KeyBlob.ALGORITHM)
        || policy.memoryKiB() > stored.memoryKiB()
        || policy.iterations() > stored.iterations();
  }
}
