package dev.secupass.core.delivery;

import dev.secupass.api.PolicyViolationException;
import dev.secupass.api.PolicyViolationException.Rule;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.internal.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sender (or a group of senders) may send: the security levels allowed and the default level
 * of a draft that names none, expiry bounds and default, size limits, and the recipient domains
 * allowed. The SDK checks a delivery against its sender's policy before anything is stored and throws {@link
 * PolicyViolationException} naming the rule; file sizes are checked again while the files stream.
 *
 * <p>{@link #DEFAULT}: every level, default level 3 ({@link SecurityLevel#SECRET}: end-to-end
 * encrypted files), 90 days by default, from 1 hour to 365 days, no size limits, at most 1000
 * files, any recipient domain. Sending at level 1 or 2 is always an explicit choice: the draft
 * names the level, or the host's policy makes it the default with {@link Builder#defaultLevel}.
 */
public final class DeliveryPolicy {
  /** The policy of {@link #builder()} without changes. */
  public static final DeliveryPolicy DEFAULT = builder().build();

  private final Set<SecurityLevel> levels;
  private final SecurityLevel defaultLevel;
  private final Duration defaultExpiry;
  private final Duration minExpiry;
  private final Duration maxExpiry;
  private final long maxFileSize;
  private final long maxTotalSize;
  private final int maxFiles;
  private final Set<String> recipientDomains;

  private DeliveryPolicy(Builder builder) {
    this.levels = Set.copyOf(builder.levels);
    this.defaultLevel = builder.chosenDefaultLevel();
    this.defaultExpiry = builder.defaultExpiry;
    this.minExpiry = builder.minExpiry;
    this.maxExpiry = builder.maxExpiry;
    this.maxFileSize = builder.maxFileSize;
    this.maxTotalSize = builder.maxTotalSize;
    this.maxFiles = builder.maxFiles;
    this.recipientDomains = Set.copyOf(builder.recipientDomains);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DeliveryPolicy}, starting from {@link #DEFAULT}'s values. */
  public static final class Builder {
    private Set<SecurityLevel> levels = EnumSet.allOf(SecurityLevel.class);
    private SecurityLevel defaultLevel = SecurityLevel.SECRET;
    private boolean defaultLevelSet;
    private Duration defaultExpiry = Duration.ofDays(90);
    private Duration minExpiry = Duration.ofHours(1);
    private Duration maxExpiry = Duration.ofDays(365);
    private long maxFileSize = Long.MAX_VALUE;
    private long maxTotalSize = Long.MAX_VALUE;
    private int maxFiles = 1000;
    private final Set<String> recipientDomains = new TreeSet<>();

    private Builder() {}

    /** The levels allowed, at least one (default: all four). */
    public Builder allowedLevels(SecurityLevel first, SecurityLevel... more) {
      EnumSet<SecurityLevel> allowed = EnumSet.of(first, more);
      this.levels = allowed;
      return this;
    }

    /**
     * The level of a draft that names none; one of the allowed levels (checked by {@link
     * #build()}). Default: level 3 ({@link SecurityLevel#SECRET}), or level 4 if level 4 is allowed
     * and level 3 is not; a policy that allows neither must set it.
     */
    public Builder defaultLevel(SecurityLevel level) {
      this.defaultLevel = Objects.requireNonNull(level, "level");
      this.defaultLevelSet = true;
      return this;
    }

    /** The expiry of a delivery that names none (default 90 days). */
    public Builder defaultExpiry(Duration duration) {
      this.defaultExpiry = positive(duration, "default expiry");
      return this;
    }

    /** The shortest and longest expiry a sender may choose (default 1 hour to 365 days). */
    public Builder expiryBounds(Duration shortest, Duration longest) {
      positive(shortest, "shortest expiry");
      positive(longest, "longest expiry");
      if (shortest.compareTo(longest) > 0) {
        throw new IllegalArgumentException("the shortest expiry is longer than the longest");
      }
      this.minExpiry = shortest;
      this.maxExpiry = longest;
      return this;
    }

    /** The largest file in bytes (default: no limit). */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = positive(bytes, "largest file");
      return this;
    }

    /** The largest total of a delivery's files in bytes (default: no limit). */
    public Builder maxTotalSize(long bytes) {
      this.maxTotalSize = positive(bytes, "largest total");
      return this;
    }

    /** The most files in one delivery (default 1000). */
    public Builder maxFiles(int count) {
      this.maxFiles = (int) positive(count, "most files");
      return this;
    }

    /**
     * Allows recipients only at these domains ({@code "example.com"}, compared without case);
     * every recipient then needs an address. Default: any recipient.
     */
    public Builder allowedRecipientDomains(String... domains) {
      for (String domain : domains) {
        String normalised = domain.strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty() || normalised.contains("@")) {
          throw new IllegalArgumentException("a domain is a host name such as example.com");
        }
        recipientDomains.add(normalised);
      }
      return this;
    }

    /**
     * Builds the policy; throws {@link IllegalArgumentException} if the default expiry is outside
     * the bounds or the default level is not one of the allowed levels.
     */
    public DeliveryPolicy build() {
      if (defaultExpiry.compareTo(minExpiry) < 0 || defaultExpiry.compareTo(maxExpiry) > 0) {
        throw new IllegalArgumentException("the default expiry of "
            + Durations.words(defaultExpiry) + " is outside the bounds of "
            + Durations.words(minExpiry) + " to " + Durations.words(maxExpiry));
      }
      chosenDefaultLevel();
      return new DeliveryPolicy(this);
    }

    private SecurityLevel chosenDefaultLevel() {
      if (defaultLevelSet) {
        if (!levels.contains(defaultLevel)) {
          throw new IllegalArgumentException("the default level " + defaultLevel.number()
              + " is not one of the allowed levels " + numbers(levels));
        }
        return defaultLevel;
      }
      if (levels.contains(SecurityLevel.SECRET)) {
        return SecurityLevel.SECRET;
      }
      if (levels.contains(SecurityLevel.TOP_SECRET)) {
        return SecurityLevel.TOP_SECRET;
      }
      throw new IllegalArgumentException("a policy that allows only levels " + numbers(levels)
          + " must choose its default level with defaultLevel(...): a level without end-to-end"
          + " encryption is never a silent default");
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("the " + what + " must be positive");
      }
      return duration;
    }

    private static long positive(long value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException("the " + what + " must be 1 or more");
      }
      return value;
    }
  }

  /** The levels allowed. */
  public Set<SecurityLevel> allowedLevels() {
    return levels;
  }

  /** The level of a draft that names none. */
  public SecurityLevel defaultLevel() {
    return defaultLevel;
  }

  public Duration defaultExpiry() {
    return defaultExpiry;
  }

  public long maxFileSize() {
    return maxFileSize;
  }

  public long maxTotalSize() {
    return maxTotalSize;
  }

  /** Throws unless {@code level} is allowed. */
  public void checkLevel(SecurityLevel level) {
    if (!levels.contains(level)) {
      throw new PolicyViolationException(Rule.LEVEL, "security level " + level.number()
          + " is not allowed for this sender (allowed: " + numbers(levels) + ")");
    }
  }

  /** Throws unless {@code expiresAt} is within the bounds counted from {@code now}. */
  public void checkExpiry(Instant now, Instant expiresAt) {
    if (expiresAt.isBefore(now.plus(minExpiry)) || expiresAt.isAfter(now.plus(maxExpiry))) {
      throw new PolicyViolationException(Rule.EXPIRY, "the expiry must be between "
          + Durations.words(minExpiry) + " and " + Durations.words(maxExpiry) + " from now");
    }
  }

  /** Throws if a draft has too many files or declares sizes beyond the limits. */
  public void checkFiles(DeliveryDraft draft) {
    checkFileCount(draft.files().size());
    long total = 0;
    for (DeliveryDraft.FileSource file : draft.files()) {
      if (file.declaredSize() > maxFileSize) {
        throw fileTooLarge(file.name());
      }
      total += Math.max(0, file.declaredSize());
      if (total > maxTotalSize) {
        throw totalTooLarge();
      }
    }
  }

  /** Throws if {@code count} files are more than may be sent at once. */
  public void checkFileCount(int count) {
    if (count > maxFiles) {
      throw new PolicyViolationException(Rule.FILE_COUNT, "at most " + maxFiles
          + " files may be sent at once, got " + count);
    }
  }

  /** Throws unless every recipient's domain is allowed. */
  public void checkRecipients(DeliveryDraft draft) {
    checkRecipients(draft.recipients());
  }

  /** Throws unless every addressee's domain is allowed. */
  public void checkRecipients(List<Addressee> recipients) {
    if (recipientDomains.isEmpty()) {
      return;
    }
    for (Addressee recipient : recipients) {
      if (!recipientDomains.contains(recipient.domain())) {
        throw new PolicyViolationException(Rule.RECIPIENT_DOMAIN, "recipient "
            + (recipient.address().isEmpty() ? recipient.user() : recipient.address())
            + " is not in an allowed domain " + recipientDomains);
      }
    }
  }

  /** The error for a file over {@link #maxFileSize()}. */
  public PolicyViolationException fileTooLarge(String name) {
    return new PolicyViolationException(Rule.FILE_SIZE, "file '" + name + "' is larger than "
        + maxFileSize + " bytes");
  }

  /** The error for files over {@link #maxTotalSize()} together. */
  public PolicyViolationException totalTooLarge() {
    return new PolicyViolationException(Rule.TOTAL_SIZE, "the files are larger than "
        + maxTotalSize + " bytes together");
  }

  private static String numbers(Set<SecurityLevel> levels) {
    return EnumSet.copyOf(levels).stream().map(l -> String.valueOf(l.number()))
        .reduce((a, b) -> a + ", " + b).orElse("");
  }

  @Override
  public String toString() {
    return "DeliveryPolicy[levels=" + numbers(levels) + ", defaultLevel=" + defaultLevel.number()
        + ", defaultExpiry=" + Durations.words(defaultExpiry) + ", expiry="
        + Durations.words(minExpiry) + " to " + Durations.words(maxExpiry) + ", domains="
        + recipientDomains + "]";
  }
}
