package dev.secupass.samples.host;

import dev.secupass.core.keys.KdfPolicy;
import java.util.Locale;

/**
 * The Argon2id cost a sample runs with: the SDK's default, or weak parameters that let test suites
 * run many activations quickly. Never use {@link #TEST} for a real SecuPass: it makes a stolen key
 * record cheap to attack.
 */
public enum KdfProfile {
  /** {@link KdfPolicy#DEFAULT}: 64 MiB, 3 passes, 1 lane (RFC 9106's second recommendation). */
  DEFAULT(KdfPolicy.DEFAULT),
  /** 64 KiB, 1 pass, 1 lane: for tests only. */
  TEST(KdfPolicy.builder().memoryKiB(64).iterations(1).parallelism(1)
      .allowWeakParametersForTests().build());

  @SuppressWarnings("ImmutableEnumChecker") // KdfPolicy is an immutable value
  private final KdfPolicy policy;

  KdfProfile(KdfPolicy policy) {
    this.policy = policy;
  }

  /** The policy the SDK is built with. */
  public KdfPolicy policy() {
    return policy;
  }

  /** Its name as given on a command line or in an environment variable. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Argon2id's cost in words: {@code "Argon2id, 64 MiB, 3 passes, 1 lane"}. */
  public String cost() {
    int kib = policy.memoryKiB();
    String memory = kib % 1024 == 0 ? kib / 1024 + " MiB" : kib + " KiB";
    int passes = policy.iterations();
    int lanes = policy.parallelism();
    return "Argon2id, " + memory + ", " + passes + (passes == 1 ? " pass, " : " passes, ") + lanes
        + (lanes == 1 ? " lane" : " lanes");
  }

  /**
   * The profile of a label, {@code default} or {@code test}.
   *
   * @throws IllegalArgumentException for another label
   */
  public static KdfProfile of(String label) {
    for (KdfProfile profile : values()) {
      if (profile.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
        return profile;
      }
    }
    throw new IllegalArgumentException("the KDF profile must be 'default' or 'test'");
  }
}
