package dev.secupass.spi;

import dev.secupass.api.UserId;
import java.util.Set;

/**
 * Selects the grants a session can fulfil: those whose named granter is in {@code granters}, and
 * those of a target in {@code targets} (for room grants that any owner or manager may fulfil).
 * A grant matches if either holds. Both empty matches nothing.
 *
 * @param granters granters whose grants match
 * @param targets targets whose grants match regardless of the granter
 */
public record GrantFilter(Set<UserId> granters, Set<GrantTarget> targets) {
  public GrantFilter {
    granters = Set.copyOf(granters);
    targets = Set.copyOf(targets);
  }

  /** The grants {@code granter} is named in. */
  public static GrantFilter granter(UserId granter) {
    return new GrantFilter(Set.of(granter), Set.of());
  }

  /** Whether {@code grant} matches this filter. */
  public boolean matches(Grant grant) {
    return (grant.granter() != null && granters.contains(grant.granter()))
        || targets.contains(grant.target());
  }
}
