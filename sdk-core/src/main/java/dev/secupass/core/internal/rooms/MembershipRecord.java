package dev.secupass.core.internal.rooms;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The payload of one membership-log entry, before signing ({@code docs/data-rooms.md}, "Membership
 * log"). Which fields an action carries is checked by {@link MembershipState.Builder}.
 *
 * @param room the room
 * @param sequence the entry's position, from 0
 * @param previous the chain hash of the entry before (32 zero bytes for entry 0)
 * @param time when the signer made the change (informative)
 * @param action what the entry does
 * @param subject whom it concerns (the creator for {@code CREATE})
 * @param role the subject's role after the change, or {@code null} for {@code REMOVE} and {@code KEY}
 * @param epoch the room's key epoch after the change
 * @param commitment the new epoch key's commitment, for actions that start an epoch; else {@code
 *     null}
 * @param subjectKey the subject's key as the signer verified it, or {@code null}
 * @param seen payload version 2: the key-log checkpoint the signer's SDK relied on when it
 *     signed ({@link BoundCheckpoint#NONE} for none); {@code null} for a version-1 entry
 */
public record MembershipRecord(
    RoomId room,
    long sequence,
    byte[] previous,
    Instant time,
    MembershipAction action,
    UserId subject,
    @Nullable RoomRole role,
    int epoch,
    byte @Nullable [] commitment,
    @Nullable MemberKey subjectKey,
    @Nullable BoundCheckpoint seen) {

  public MembershipRecord {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    if (previous.length != ChainHash.SIZE) {
      throw new IllegalArgumentException("previous hash must be " + ChainHash.SIZE + " bytes");
    }
    previous = previous.clone();
    if (commitment != null) {
      if (commitment.length != ChainHash.SIZE) {
        throw new IllegalArgumentException("a key commitment is " + ChainHash.SIZE + " bytes");
      }
      commitment = commitment.clone();
    }
  }

  /** A version-1 entry, without a seen checkpoint. */
  public MembershipRecord(RoomId room, long sequence, byte[] previous, Instant time,
      MembershipAction action, UserId subject, @Nullable RoomRole role, int epoch,
      byte @Nullable [] commitment, @Nullable MemberKey subjectKey) {
    this(room, sequence, previous, time, action, subject, role, epoch, commitment, subjectKey,
        null);
  }

  /** The payload version: 2 with a seen checkpoint, else 1. */
  public int version() {
    return seen == null ? 1 : 2;
  }

  @Override
  public byte[] previous() {
    return previous.clone();
  }

  @Override
  public byte @Nullable [] commitment() {
    return commitment == null ? null : commitment.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MembershipRecord r
        && room.equals(r.room)
        && sequence == r.sequence
        && Arrays.equals(previous, r.previous)
        && time.equals(r.time)
        && action == r.action
        && subject.equals(r.subject)
        && role == r.role
        && epoch == r.epoch
        && Arrays.equals(commitment, r.commitment)
        && Objects.equals(subjectKey, r.subjectKey)
        && Objects.equals(seen, r.seen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(room, sequence, action, subject);
  }

  @Override
  public String toString() {
    return "MembershipRecord[room=" + room + ", sequence=" + sequence + ", action=" + action
        + ", subject=" + subject + ", role=" + role + ", epoch=" + epoch + "]";
  }
}
