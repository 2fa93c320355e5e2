package dev.secupass.spi;

import dev.secupass.api.EventId;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Something the host should tell a person (an e-mail, a notice in their window): a new delivery,
 * "SecuPass required", a grant ready, a delivery released, a download, an expiry.
 *
 * @param id the event
 * @param type what happened, lower-case words joined by dots or underscores ({@code
 *     "delivery.new"})
 * @param audience who should be told
 * @param payload the details, encoded by the SDK (opaque to stores; anything secret in it, such
 *     as a link token, is encrypted)
 * @param createdAt when it happened
 * @param lease the current claimant's hold, or {@code null}
 */
public record Event(EventId id, String type, UserId audience, byte[] payload, Instant createdAt,
    @Nullable Lease lease) {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("event type must match " + TYPE.pattern());
    }
    Objects.requireNonNull(audience, "audience");
    payload = Bytes.copy(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new event, without a lease. */
  public Event(EventId id, String type, UserId audience, byte[] payload, Instant createdAt) {
    this(id, type, audience, payload, createdAt, null);
  }

  /** This event held under {@code newLease} ({@code null}: without a lease). */
  public Event withLease(@Nullable Lease newLease) {
    return new Event(id, type, audience, payload, createdAt, newLease);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event e
        && id.equals(e.id)
        && type.equals(e.type)
        && audience.equals(e.audience)
        && Arrays.equals(payload, e.payload)
        && createdAt.equals(e.createdAt)
        && Objects.equals(lease, e.lease);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Event[id=" + id + ", type=" + type + ", audience=" + audience + "]";
  }
}
