package dev.secupass.core.observe;

/**
 * The low-cardinality tags of the SDK's operations. Each takes its values from the fixed set listed
 * here; {@code none} means the tag does not apply to this run (an operation always carries every
 * tag of {@link Operation#tags()}, so that each metric keeps one set of tag keys).
 */
public enum ObservationTag {
  /** {@code success} or {@code failure}. */
  OUTCOME("outcome"),
  /**
   * Why a run failed: {@code none} if it succeeded, otherwise the kind of error in snake case,
   * from the SDK's exceptions ({@code wrong_secupass}, {@code wrong_link_token}, {@code
   * not_a_recipient}, {@code delivery_expired}, {@code download_limit_reached}, {@code
   * integrity}, {@code busy}, {@code storage}, {@code conflict}, {@code not_found}, ...), {@code
   * invalid_argument} for a caller's mistake, or {@code other}.
   */
  FAILURE("failure"),
  /**
   * The delivery's security level: {@code link}, {@code login}, {@code secret}, {@code
   * top_secret}, or {@code unknown} when a refusal came before the level was read.
   */
  LEVEL("level"),
  /**
   * How a delivery was opened: {@code link} (by its link token), {@code login} (signed in, no
   * SecuPass), {@code secupass} (signed in, with a SecuPass session).
   */
  ROUTE("route"),
  /**
   * What an activation made ({@code activate}, {@code reset}), or what a grant is for ({@code
   * delivery}, {@code room}).
   */
  KIND("kind"),
  /** A grant as queued: {@code waiting} (for the recipient's activation) or {@code ready}. */
  STATE("state"),
  /**
   * Which metadata store a storage call went to: {@code keys}, {@code deliveries}, {@code grants},
   * {@code rooms}, {@code guests}, {@code events}, {@code audit}, or {@code transaction}.
   */
  STORE("store"),
  /**
   * The storage or blob store method called, as named in the SPI ({@code findActive}, {@code
   * claim}, {@code inTransaction}, {@code create}, {@code commit}, {@code open}, ...).
   */
  CALL("call"),
  /**
   * For a failed storage or blob store call, whether the store said trying again may succeed
   * ({@code true}, {@code false}); {@code none} otherwise.
   */
  RETRYABLE("retryable"),
  /** Whether a derivation had to wait for the KDF memory budget: {@code true} or {@code false}. */
  WAITED("waited");

  private final String key;

  ObservationTag(String key) {
    this.key = key;
  }

  /** The tag's key as observers publish it. */
  public String key() {
    return key;
  }
}
