package dev.secupass.core.delivery;

import dev.secupass.api.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which {@link DeliveryPolicy} applies to a sender: their own if one is set, else that of the first
 * of their groups (in the order the groups were added) that has one, else the fallback. The host
 * says which groups a user belongs to.
 *
 * <pre>{@code
 * DeliveryPolicies policies = DeliveryPolicies.builder(DeliveryPolicy.DEFAULT)
 *     .group("legal", legalPolicy)
 *     .groupsOf(user -> directory.groupsOf(user))
 *     .build();
 * }</pre>
 */
public final class DeliveryPolicies {
  private final DeliveryPolicy fallback;
  private final Map<UserId, DeliveryPolicy> senders;
  private final Map<String, DeliveryPolicy> groups;
  private final Function<UserId, Set<String>> groupsOf;

  private DeliveryPolicies(Builder builder) {
    this.fallback = builder.fallback;
    this.senders = Map.copyOf(builder.senders);
    this.groups = new LinkedHashMap<>(builder.groups);
    this.groupsOf = builder.groupsOf;
  }

  /** The same policy for every sender. */
  public static DeliveryPolicies uniform(DeliveryPolicy policy) {
    return builder(policy).build();
  }

  /** A builder whose senders without a policy of their own or of a group get {@code fallback}. */
  public static Builder builder(DeliveryPolicy fallback) {
    return new Builder(fallback);
  }

  /** Builds {@link DeliveryPolicies}. */
  public static final class Builder {
    private final DeliveryPolicy fallback;
    private final Map<UserId, DeliveryPolicy> senders = new LinkedHashMap<>();
    private final Map<String, DeliveryPolicy> groups = new LinkedHashMap<>();
    private Function<UserId, Set<String>> groupsOf = user -> Set.of();

    private Builder(DeliveryPolicy fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** The policy of one sender. */
    public Builder sender(UserId sender, DeliveryPolicy policy) {
      senders.put(Objects.requireNonNull(sender, "sender"), Objects.requireNonNull(policy,
          "policy"));
      return this;
    }

    /** The policy of a group's members. */
    public Builder group(String group, DeliveryPolicy policy) {
      if (group.isBlank()) {
        throw new IllegalArgumentException("a group name must not be blank");
      }
      groups.put(group, Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /** The host's directory: the groups a user belongs to (default: none). */
    public Builder groupsOf(Function<UserId, Set<String>> directory) {
      this.groupsOf = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public DeliveryPolicies build() {
      return new DeliveryPolicies(this);
    }
  }

  /** The policy that applies to {@code sender}. */
  public DeliveryPolicy policyFor(UserId sender) {
    DeliveryPolicy own = senders.get(sender);
    if (own != null) {
      return own;
    }
    if (!groups.isEmpty()) {
      Set<String> memberOf = groupsOf.apply(sender);
      for (Map.Entry<String, DeliveryPolicy> group : groups.entrySet()) {
        if (memberOf.contains(group.getKey())) {
          return group.getValue();
        }
      }
    }
    return fallback;
  }
}
