package dev.secupass.spi;

import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail: who did (or tried) what to what, when, and how it ended.
 *
 * @param at when
 * @param actor who, or {@code null} for an anonymous caller (a level-1 link)
 * @param action what, for example {@code "delivery.open"}
 * @param target on what, for example {@code "delivery:4f2a..."}
 * @param outcome {@code "ok"} or the error's name, for example {@code "expired"}
 */
public record AuditEntry(
    Instant at, @Nullable UserId actor, String action, String target, String outcome) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(outcome, "outcome");
    if (action.isBlank() || action.length() > 64 || target.isBlank() || target.length() > 200
        || outcome.isBlank() || outcome.length() > 64) {
      throw new IllegalArgumentException(
          "action and outcome must be 1-64 characters, target 1-200");
    }
  }

  /** The actor, if known. */
  public Optional<UserId> knownActor() {
    return Optional.ofNullable(actor);
  }
}
