package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryState;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.DeliveryRecord;
import java.time.Instant;

/** Inbox and outbox lines from stored records. */
final class Summaries {
  private Summaries() {}

  /**
   * The summary of {@code record} at {@code now}. The subject at levels 1-3 is read as stored, not
   * verified (opening verifies it).
   */
  static DeliverySummary of(DeliveryRecord record, Instant now) {
    DeliveryState state = record.state() == DeliveryState.ACTIVE
        && !record.expiresAt().isAfter(now) ? DeliveryState.EXPIRED : record.state();
    String subject = record.level().endToEndMessage() ? null
        : Details.decode(record.details()).subject();
    return new DeliverySummary(record.id(), record.sender(), record.level(), state,
        record.createdAt(), record.expiresAt(), record.downloadLimit(), record.downloadCount(),
        subject, record.files().size(), record.recipients().stream().map(People::of).toList());
  }
}
