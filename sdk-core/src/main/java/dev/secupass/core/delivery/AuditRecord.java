package dev.secupass.core.delivery;

import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One line of a delivery's audit trail: who did or tried what, when, and how it ended.
 *
 * @param at when
 * @param actor who (a guest with their e-mail address), or {@code null} for someone holding a
 *     level-1 link
 * @param action what: {@code delivery.send}, {@code delivery.open}, {@code delivery.download},
 *     {@code delivery.withdraw}, {@code delivery.expire}, {@code grant.fulfil}, {@code
 *     grant.cancel} (see {@code docs/deliveries.md}, "Audit trail")
 * @param outcome {@code ok}, or what refused it ({@code expired}, {@code not_recipient}, ...)
 */
public record AuditRecord(Instant at, @Nullable Person actor, String action, String outcome) {
  public AuditRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The actor, unless it was an anonymous link holder. */
  public Optional<Person> knownActor() {
    return Optional.ofNullable(actor);
  }
}
