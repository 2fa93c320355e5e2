package dev.secupass.core.grants;

import dev.secupass.api.SecurityLevel;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a sender's SDK may release a delivery to a recipient's first keys on its own: the host's
 * rule per security level, set on the SDK builder ({@code firstContactPolicy}). It governs every
 * wrap to keys the sender (or a room's manager) has never verified: the first-contact round trip
 * (a recipient who chose their SecuPass after the delivery was sent), a direct send to someone who
 * already had one ({@link dev.secupass.core.delivery.SentDelivery#awaitingConfirmation()}), and a
 * room member's first grant (room keys follow the rule of level 4).
 *
 * <ul>
 *   <li>With an access code set for the recipient, the release needs the recipient's binding of
 *       their keys to the code, whatever the rule: without it, or with a wrong one, the release is
 *       refused ({@link dev.secupass.api.FirstContactRefusedException}).
 *   <li>Keys the sender already pinned (verified earlier, or trusted earlier) are released to.
 *   <li>Otherwise {@link Release#CONFIRM} holds the release until the sender confirms the
 *       recipient's safety words ({@link Grants#confirmFirstContact}); {@link
 *       Release#TRUST_ON_FIRST_USE} releases at once and pins what it found.
 * </ul>
 *
 * <p>The {@link #DEFAULT} confirms at levels 3 and 4 and attaches no codes by itself: no default
 * lets never-verified keys receive end-to-end encrypted content silently. Trust on first use stays
 * available as an explicit choice ({@link #trustOnFirstUse()}): then whoever chose the SecuPass
 * first (a forwarded invitation, an operator substituting keys) receives the delivery.
 */
public final class FirstContactPolicy {
  /** What happens at a first contact without access code and without a pin. */
  public enum Release {
    /** Wait for the sender to confirm the recipient's safety words. */
    CONFIRM,
    /** Release at once to whatever keys storage presents, and pin them (trust on first use). */
    TRUST_ON_FIRST_USE
  }

  /** Confirm at levels 3 and 4; no access codes unless the sender asks for one. */
  public static final FirstContactPolicy DEFAULT = builder().build();

  private final Map<SecurityLevel, Release> release;
  private final Set<SecurityLevel> codes;

  private FirstContactPolicy(Builder builder) {
    this.release = Map.copyOf(builder.release);
    this.codes = Set.copyOf(builder.codes);
  }

  /** A builder starting from the {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trust on first use at levels 3 and 4: the SDK's behaviour before first-contact policies, an
   * explicit choice for hosts that verify people otherwise. See {@code docs/threat-model.md}.
   */
  public static FirstContactPolicy trustOnFirstUse() {
    return builder().release(SecurityLevel.SECRET, Release.TRUST_ON_FIRST_USE)
        .release(SecurityLevel.TOP_SECRET, Release.TRUST_ON_FIRST_USE).build();
  }

  /** The rule for first contacts without code and pin at {@code level}. */
  public Release release(SecurityLevel level) {
    return release.getOrDefault(level, Release.CONFIRM);
  }

  /**
   * Whether every delivery at {@code level} gets an access code for each guest recipient who has
   * no SecuPass yet, whether or not the sender asked for one.
   */
  public boolean codeRequired(SecurityLevel level) {
    return codes.contains(level);
  }

  @Override
  public String toString() {
    return "FirstContactPolicy[release=" + new EnumMap<>(release) + ", codes=" + codes + "]";
  }

  /** Builds a {@link FirstContactPolicy}. */
  public static final class Builder {
    private final Map<SecurityLevel, Release> release = new EnumMap<>(SecurityLevel.class);
    private final Set<SecurityLevel> codes = EnumSet.noneOf(SecurityLevel.class);

    private Builder() {
      release.put(SecurityLevel.SECRET, Release.CONFIRM);
      release.put(SecurityLevel.TOP_SECRET, Release.CONFIRM);
    }

    /**
     * The rule at {@code level} (3 or 4: levels 1 and 2 have no keys to verify).
     *
     * @throws IllegalArgumentException for levels 1 and 2
     */
    public Builder release(SecurityLevel level, Release rule) {
      release.put(endToEnd(level), Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Whether deliveries at {@code level} (3 or 4) always carry access codes for guests without a
     * SecuPass.
     *
     * @throws IllegalArgumentException for levels 1 and 2
     */
    public Builder requireCodes(SecurityLevel level, boolean required) {
      if (required) {
        codes.add(endToEnd(level));
      } else {
        codes.remove(endToEnd(level));
      }
      return this;
    }

    public FirstContactPolicy build() {
      return new FirstContactPolicy(this);
    }

    private static SecurityLevel endToEnd(SecurityLevel level) {
      if (!Objects.requireNonNull(level, "level").endToEndFiles()) {
        throw new IllegalArgumentException("first-contact rules are for levels 3 and 4");
      }
      return level;
    }
  }
}
