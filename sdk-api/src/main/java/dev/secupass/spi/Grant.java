package dev.secupass.spi;

import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A pending grant: {@code recipient} waits for the key of {@code target}, and {@code granter} (or,
 * for a room with no granter named, any owner or manager of the room) can wrap it to them.
 *
 * @param id the grant
 * @param target the delivery or room
 * @param recipient who waits
 * @param granter who can fulfil it, or {@code null} for "any owner or manager of the room"
 * @param state where it is in its lifecycle
 * @param recipientKeyVersion the recipient's key version the grant is for; {@code null} while the
 *     state is {@code WAITING_FOR_KEY}
 * @param createdAt when it was queued
 * @param updatedAt when its state last changed
 * @param lease the current worker's hold, or {@code null}
 */
public record Grant(
    GrantId id,
    GrantTarget target,
    UserId recipient,
    @Nullable UserId granter,
    GrantState state,
    @Nullable KeyVersion recipientKeyVersion,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Lease lease) {

  public Grant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (state == GrantState.WAITING_FOR_KEY && recipientKeyVersion != null) {
      throw new IllegalArgumentException("a grant waiting for a key has no key version");
    }
    if (state == GrantState.READY && recipientKeyVersion == null) {
      throw new IllegalArgumentException("a ready grant names the recipient's key version");
    }
    if (granter == null && target.kind() != GrantTarget.Kind.ROOM) {
      throw new IllegalArgumentException("only room grants may leave the granter open");
    }
  }

  /** A new grant waiting for the recipient's first key. */
  public static Grant waiting(
      GrantId id, GrantTarget target, UserId recipient, @Nullable UserId granter, Instant now) {
    return new Grant(id, target, recipient, granter, GrantState.WAITING_FOR_KEY, null, now, now,
        null);
  }

  /** A new grant for a recipient who already has a key of {@code version}. */
  public static Grant ready(GrantId id, GrantTarget target, UserId recipient,
      @Nullable UserId granter, KeyVersion version, Instant now) {
    return new Grant(id, target, recipient, granter, GrantState.READY, version, now, now, null);
  }

  /** The granter, if one is named. */
  public Optional<UserId> namedGranter() {
    return Optional.ofNullable(granter);
  }
}
