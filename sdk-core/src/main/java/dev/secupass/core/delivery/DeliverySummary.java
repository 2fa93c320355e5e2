package dev.secupass.core.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A line of an inbox or outbox: what the store shows without opening the delivery (the subject is
 * end-to-end encrypted at level 4 and absent here).
 *
 * @param id the delivery
 * @param sender who sent it
 * @param level its security level
 * @param state {@code EXPIRED} once past its expiry, even before the sweep ran
 * @param createdAt when it was sent
 * @param expiresAt when it expires
 * @param downloadLimit 0 for no limit
 * @param downloadCount how many files were read to their end, counted once per reader and file
 * @param subject the subject at levels 1-3; {@code null} at level 4
 * @param fileCount how many files it has
 * @param recipients its recipients (guests with their e-mail addresses)
 */
public record DeliverySummary(DeliveryId id, UserId sender, SecurityLevel level,
    DeliveryState state, Instant createdAt, Instant expiresAt, int downloadLimit,
    int downloadCount, @Nullable String subject, int fileCount, List<Person> recipients) {

  public DeliverySummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(state, "state");
    recipients = List.copyOf(recipients);
  }

  /** The subject, unless it is end-to-end encrypted (level 4). */
  public Optional<String> clearSubject() {
    return Optional.ofNullable(subject);
  }
}
